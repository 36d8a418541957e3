/**
 * Bringing a stored document from any version this console knows to the current one. Each step
 * is a pure function from one frozen schema's data to the next; `upgrade` validates the input
 * against its version's schema, runs the steps in order, and validates the result.
 */
import type { z } from 'zod';
import { SCHEMA_VERSION, StoredDataSchema, defaultBudget, defaultUnattended, freshConsole, type StoredData } from './model.js';
import { StoredDataV1Schema, type StoredDataV1 } from './modelV1.js';

export type Upgrade = { ok: true; data: StoredData; from: number } | { ok: false; problem: string };

/** v1 → v2: cameras gain an owner kind (all public until told otherwise), tags and a location; sites a default preset. */
export function migrateV1toV2(v1: StoredDataV1): StoredData {
  return {
    schemaVersion: 2,
    sites: v1.sites.map((site) => ({ ...site, defaultPresetId: null })),
    cameras: v1.cameras.map((camera) => ({ ...camera, ownerKind: 'public', tags: [], location: null })),
    wall: v1.wall,
    presets: v1.presets,
    settings: { ...v1.settings, evidenceDir: null },
    // A console from before access rules starts in set-up: no scope, no PIN.
    console: freshConsole(),
    unattended: defaultUnattended(),
    budget: defaultBudget(),
  };
}

interface Step {
  from: number;
  schema: z.ZodType;
  run(data: unknown): unknown;
}

/** One entry per old version, oldest first; each step's output is the next version's input. */
const STEPS: Step[] = [{ from: 1, schema: StoredDataV1Schema, run: (data) => migrateV1toV2(data as StoredDataV1) }];

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'document'}: ${issue.message}`).join('; ');
}

function versionOf(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

export function upgrade(raw: unknown): Upgrade {
  const from = versionOf(raw);
  if (from === null) return { ok: false, problem: 'schemaVersion: missing or not a whole number' };
  if (from > SCHEMA_VERSION) return { ok: false, problem: `schemaVersion: ${from} is newer than this console understands (${SCHEMA_VERSION})` };
  const first = STEPS.findIndex((step) => step.from === from);
  if (from !== SCHEMA_VERSION && first < 0) return { ok: false, problem: `schemaVersion: ${from} is unknown` };
  let data = raw;
  for (const step of first < 0 ? [] : STEPS.slice(first)) {
    const parsed = step.schema.safeParse(data);
    if (!parsed.success) return { ok: false, problem: `version ${step.from}: ${describeIssues(parsed.error)}` };
    data = step.run(parsed.data);
  }
  const parsed = StoredDataSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  return { ok: true, data: parsed.data, from };
}
