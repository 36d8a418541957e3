import 'i18next';
import type zhCN from './zh-CN.json';

// Typed keys: a `t('…')` call with a key missing from the catalogue fails the typecheck.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
