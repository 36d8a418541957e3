/**
 * Calls that change the console or read what others did: admins only, checked in the router
 * before any handler runs, so no handler can forget.
 */
import type { Channel } from '../../preload/api.js';

export const ADMIN_CALLS: ReadonlySet<Channel> = new Set<Channel>([
  'cameras.add',
  'cameras.update',
  'cameras.remove',
  'cameras.probe',
  'cameras.setConsent',
  'sites.save',
  'sites.remove',
  'sites.setDefaultPreset',
  'presets.save',
  'presets.rename',
  'presets.remove',
  'presets.export',
  'presets.importPreview',
  'presets.importApply',
  'import.template',
  'import.preview',
  'import.probe',
  'import.commit',
  'access.setPin',
  'access.setScope',
  'access.scopeChoices',
  'audit.query',
  'audit.verify',
  'audit.csv',
  'evidence.list',
  'evidence.verify',
  'evidence.signingKey',
  'health.log',
  'unattended.set',
  'budget.setRule',
  'sites.setRelay',
  'cameras.setSource',
]);
