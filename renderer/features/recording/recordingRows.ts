/**
 * The recording settings as a clerk edits them: one row per camera with its days to keep for the
 * main and the sub stream as typed (blank: that stream is not recorded), the recording folder
 * (blank: the console's default), and the disk's quota and minimum free space. Pure, so what is saved is exactly what the rows say.
 */
import type { Profile, RecordingSettingsView } from '../../../preload/api';

export interface RecordingRow {
  cameraId: string;
  name: string;
  days: Record<Profile, string>;
}

export interface RecordingForm {
  rows: RecordingRow[];
  /** As typed; blank for `recordings/` in the data folder. Main checks it (full path, writable). */
  folder: string;
  /** GB as typed; blank for no quota. */
  quotaGb: string;
  minFreeGb: string;
}

const PROFILES: Profile[] = ['main', 'sub'];

export function recordingForm(cameras: readonly { id: string; name: string }[], settings: RecordingSettingsView): RecordingForm {
  const days = (cameraId: string, profile: Profile) => settings.cameras.find((c) => c.cameraId === cameraId && c.profile === profile)?.days;
  const known = new Set(cameras.map((camera) => camera.id));
  // A camera recorded but not listed to this console (withheld now) keeps its row: saving must not drop it.
  const others = settings.cameras.filter((c) => !known.has(c.cameraId)).map((c) => ({ id: c.cameraId, name: c.cameraId }));
  const unique = [...cameras, ...others.filter((o, i) => others.findIndex((x) => x.id === o.id) === i)];
  return {
    rows: unique.map(({ id, name }) => ({ cameraId: id, name, days: { main: String(days(id, 'main') ?? ''), sub: String(days(id, 'sub') ?? '') } })),
    folder: settings.folder ?? '',
    quotaGb: settings.quotaGb === null ? '' : String(settings.quotaGb),
    minFreeGb: String(settings.minFreeGb),
  };
}

/** Days to keep as typed: blank is "not recorded", a whole number 1–3650 is kept, anything else is wrong. */
export function parseDays(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const days = Number(trimmed);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : 'invalid';
}

function parseGb(text: string, min: number): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const gb = Number(trimmed);
  return Number.isFinite(gb) && gb >= min && gb <= 1_000_000 ? gb : 'invalid';
}

/** Which fields are wrong (row cells as `cameraId:profile`, or `quota`, `minFree`). */
export function formProblems(form: RecordingForm): Set<string> {
  const problems = new Set<string>();
  for (const row of form.rows) for (const profile of PROFILES) if (parseDays(row.days[profile]) === 'invalid') problems.add(`${row.cameraId}:${profile}`);
  if (parseGb(form.quotaGb, 0.1) === 'invalid') problems.add('quota');
  const minFree = parseGb(form.minFreeGb, 0);
  if (minFree === 'invalid' || minFree === null) problems.add('minFree');
  return problems;
}

/** The settings to save, or null while a field is wrong. */
export function settingsOf(form: RecordingForm): RecordingSettingsView | null {
  if (formProblems(form).size > 0) return null;
  const cameras = form.rows.flatMap((row) =>
    PROFILES.flatMap((profile) => {
      const days = parseDays(row.days[profile]);
      return typeof days === 'number' ? [{ cameraId: row.cameraId, profile, days }] : [];
    }),
  );
  return { folder: form.folder.trim() || null, cameras, quotaGb: parseGb(form.quotaGb, 0.1) as number | null, minFreeGb: parseGb(form.minFreeGb, 0) as number };
}
