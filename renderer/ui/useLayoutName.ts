import { useTranslation } from 'react-i18next';
import { namedLayout, type Layout } from '../../preload/layouts';
import type zhCN from '../i18n/zh-CN.json';

type LayoutKey = `layout.${Exclude<keyof (typeof zhCN)['layout'], 'label'>}`;

/** "九画面" for a named layout, "自定义布局" for any other (the catalogue test covers every named one). */
export function useLayoutName(): (layout: Pick<Layout, 'id'>) => string {
  const { t } = useTranslation();
  return ({ id }) => (namedLayout(id) ? t(`layout.${id}` as LayoutKey) : t('layout.custom'));
}
