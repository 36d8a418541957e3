import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../../preload/api';

/** The catalogue word for a stream's state, e.g. "重连中（第 3 次）". */
export function useStateLabel(): (status: Pick<StreamStatus, 'state' | 'attempt'>) => string {
  const { t } = useTranslation();
  return ({ state, attempt }) =>
    state === 'reconnecting' ? t('state.reconnecting', { attempt: Math.max(1, attempt) }) : t(`state.${state}`);
}
