/** The refusals the host writes as `field:problem`; each has a `problem.<name>` sentence in the catalogues. */
export const PROBLEMS = [
  'invalid',
  'empty',
  'scheme',
  'syntax',
  'host',
  'demo_pattern',
  'duplicate_name',
  'unknown_site',
  'mixed_kinds',
  'preset_owner',
  'out_of_scope',
  'host_changed',
] as const;
export type Problem = (typeof PROBLEMS)[number];

/** Refusals about sites, bulk import and preset files; each has a `settings.problem.<name>` sentence. */
export const SETTINGS_PROBLEMS = [
  'not_absolute',
  'cannot_write',
  'folder_full',
  'too_long',
  'too_many',
  'out_of_range',
  'duplicate_in_file',
  'unknown_kind',
  'bad_location',
  'parent_level',
  'child_level',
  'cycle',
  'owns_presets',
  'not_empty',
  'unknown_preset',
  'not_township',
  'expired',
  'too_large',
  'unpacked_too_large',
  'xls_unsupported',
  'unreadable',
  'no_rows',
  'missing_columns',
  'hash_mismatch',
  'not_export',
  'unsupported_version',
  'bad_content',
  'bad_camera_url',
  'bad_relay',
] as const;
export type SettingsProblem = (typeof SETTINGS_PROBLEMS)[number];

/** Fields those refusals name (after `siteId` → `site`), each with a `settings.field.<name>` label. */
export const SETTINGS_FIELDS = ['site', 'parent', 'level', 'village', 'township', 'ownerKind', 'location', 'tags', 'file', 'import', 'preset', 'id', 'template', 'host', 'token', 'relayStream', 'lng', 'lat', 'recordingFolder'] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** Why main refused a media server's URL template (`template:problem`); each has a `relay.problem.<name>` sentence. */
export const TEMPLATE_PROBLEMS = ['empty', 'placeholder', 'missing_value', 'host', 'syntax', 'scheme', 'not_flv', 'credentials'] as const;
export type TemplateProblem = (typeof TEMPLATE_PROBLEMS)[number];
