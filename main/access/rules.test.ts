/**
 * The access rules as a truth table: scope × role × owner kind × consent state × action.
 * Every expected cell is written out by hand; printTable() renders the same table for the docs.
 */
import { describe, expect, it } from 'vitest';
import { consentEnd, decide, inSubtree, type Action, type CameraFacts, type Caller, type Consent, type SiteNode } from './rules.js';

const NOW = Date.UTC(2026, 10, 29, 12);
const DAY = 86_400_000;
const sites = new Map<string, SiteNode>(
  [
    { id: 'bureau', level: 'bureau', parentId: null },
    { id: 'town', level: 'township', parentId: 'bureau' },
    { id: 'east', level: 'village', parentId: 'town' },
    { id: 'west', level: 'village', parentId: 'town' },
    { id: 'town2', level: 'township', parentId: 'bureau' },
  ].map((s) => [s.id, s as SiteNode]),
);

const CONSENTS: Record<string, Consent | null> = {
  none: null,
  'township, valid': { levels: ['township', 'station'], until: NOW + DAY, revoked: false },
  'village only': { levels: ['village'], until: null, revoked: false },
  'township, expired': { levels: ['township'], until: NOW - 1, revoked: false },
  'township, revoked': { levels: ['township'], until: null, revoked: true },
};

type Column = { label: string; scope: string; role: Caller['role']; action: Action; reason?: string };
const COLUMNS: Column[] = [
  { label: 'view op', scope: 'town', role: 'operator', action: 'view' },
  { label: 'view admin', scope: 'town', role: 'admin', action: 'view' },
  { label: 'export op', scope: 'town', role: 'operator', action: 'export', reason: '盗窃案' },
  { label: 'export admin+reason', scope: 'town', role: 'admin', action: 'export', reason: '盗窃案' },
  { label: 'export admin, no reason', scope: 'town', role: 'admin', action: 'export' },
  { label: 'configure op', scope: 'town', role: 'operator', action: 'configure' },
  { label: 'configure admin', scope: 'town', role: 'admin', action: 'configure' },
  { label: 'view, other township', scope: 'town2', role: 'admin', action: 'view' },
  { label: 'view, village console', scope: 'east', role: 'operator', action: 'view' },
];

// Rows: owner kind + consent. Cells: ✓ or the refusal. The camera sits in village "east" of "town".
const TABLE: [string, string[]][] = [
  ['public', ['✓', '✓', 'admin_only', '✓', '✓', 'admin_only', '✓', 'out_of_scope', '✓']],
  ['household: none', ['no_consent', 'no_consent', 'admin_only', 'no_consent', 'no_consent', 'admin_only', '✓', 'out_of_scope', 'no_consent']],
  ['household: township, valid', ['✓', '✓', 'admin_only', '✓', 'reason_required', 'admin_only', '✓', 'out_of_scope', 'no_consent']],
  ['household: village only', ['no_consent', 'no_consent', 'admin_only', 'no_consent', 'no_consent', 'admin_only', '✓', 'out_of_scope', '✓']],
  ['household: township, expired', ['consent_expired', 'consent_expired', 'admin_only', 'consent_expired', 'consent_expired', 'admin_only', '✓', 'out_of_scope', 'no_consent']],
  ['household: township, revoked', ['consent_revoked', 'consent_revoked', 'admin_only', 'consent_revoked', 'consent_revoked', 'admin_only', '✓', 'out_of_scope', 'no_consent']],
];

function cameraFor(row: string): CameraFacts {
  if (row === 'public') return { id: 'c', siteId: 'east', ownerKind: 'public', consent: null };
  return { id: 'c', siteId: 'east', ownerKind: 'household', consent: CONSENTS[row.replace('household: ', '')]! };
}

function cell(row: string, column: Column): string {
  const decision = decide({
    caller: { scopeSiteId: column.scope, role: column.role },
    sites,
    camera: cameraFor(row),
    action: column.action,
    now: NOW,
    ...(column.reason ? { reason: column.reason } : {}),
  });
  return decision.ok ? '✓' : decision.refusal;
}

describe('access truth table', () => {
  for (const [row, expected] of TABLE) {
    it(`${row}`, () => {
      expect(COLUMNS.map((column) => cell(row, column))).toEqual(expected);
    });
  }

  it('shows public cameras but no household camera while the console is not bound to a site', () => {
    const at = (row: string) => decide({ caller: { scopeSiteId: null, role: 'admin' }, sites, camera: cameraFor(row), action: 'view', now: NOW });
    expect(at('public')).toEqual({ ok: true });
    expect(at('household: township, valid')).toEqual({ ok: false, refusal: 'no_scope' });
  });

  it('treats consent as expired from the very millisecond it ends', () => {
    const camera: CameraFacts = { id: 'c', siteId: 'east', ownerKind: 'household', consent: { levels: ['township'], until: NOW, revoked: false } };
    const at = (now: number) => decide({ caller: { scopeSiteId: 'town', role: 'operator' }, sites, camera, action: 'view', now });
    expect(at(NOW - 1)).toEqual({ ok: true });
    expect(at(NOW)).toEqual({ ok: false, refusal: 'consent_expired' });
  });
});

describe('recorded footage', () => {
  const camera = (consent: Consent | null): CameraFacts => ({ id: 'c', siteId: 'east', ownerKind: 'household', consent });
  const at = (consent: Consent | null, recordedAt: number, action: Action = 'view') =>
    decide({ caller: { scopeSiteId: 'town', role: 'admin' }, sites, camera: camera(consent), action, now: NOW, recordedAt, reason: '盗窃案' });

  it('is judged by the consent at the time it was recorded, and refuses what was recorded after consent ended', () => {
    const ended = { levels: ['township' as const], until: NOW - DAY, revoked: false };
    expect(at(ended, NOW - 2 * DAY)).toEqual({ ok: true });
    expect(at(ended, NOW - DAY)).toEqual({ ok: false, refusal: 'consent_ended_before' });
    expect(at(ended, NOW - DAY / 2, 'export')).toEqual({ ok: false, refusal: 'consent_ended_before' });
  });

  it('still needs the viewer’s level, an unrevoked consent and the scope', () => {
    expect(at({ levels: ['village'], until: null, revoked: false }, NOW - DAY)).toEqual({ ok: false, refusal: 'no_consent' });
    expect(at({ levels: ['township'], until: null, revoked: true }, NOW - DAY)).toEqual({ ok: false, refusal: 'consent_revoked' });
    expect(decide({ caller: { scopeSiteId: 'town2', role: 'admin' }, sites, camera: camera(null), action: 'view', now: NOW, recordedAt: NOW - DAY })).toEqual({ ok: false, refusal: 'out_of_scope' });
  });
});

describe('inSubtree', () => {
  it('knows a site, its descendants, and nothing else', () => {
    expect(inSubtree(sites, 'town', 'east')).toBe(true);
    expect(inSubtree(sites, 'town', 'town')).toBe(true);
    expect(inSubtree(sites, 'east', 'town')).toBe(false);
    expect(inSubtree(sites, 'town', 'town2')).toBe(false);
    expect(inSubtree(sites, 'town', null)).toBe(false);
    expect(inSubtree(sites, 'town', 'unknown')).toBe(false);
  });

  it('does not loop forever on a cycle', () => {
    const cyclic = new Map<string, SiteNode>([
      ['a', { id: 'a', level: 'village', parentId: 'b' }],
      ['b', { id: 'b', level: 'village', parentId: 'a' }],
    ]);
    expect(inSubtree(cyclic, 'x', 'a')).toBe(false);
  });
});

/** The table as Markdown, for the issue note and docs/access.md. */
export function printTable(): string {
  const head = `| camera \\ caller | ${COLUMNS.map((c) => c.label).join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => '---').join('|')}|`;
  return [head, rule, ...TABLE.map(([row]) => `| ${row} | ${COLUMNS.map((c) => cell(row, c)).join(' | ')} |`)].join('\n');
}

describe('consentEnd: how long a household camera’s footage may be kept', () => {
  const until = Date.UTC(2027, 0, 1);
  const consent = (over: Partial<Consent> = {}): Consent => ({ levels: ['village', 'township'], until, revoked: false, ...over });
  it.each([
    ['consent covering the level, with an end date', consent(), 'township', until],
    ['consent covering the level, with no end', consent({ until: null }), 'village', null],
    ['consent not covering the level', consent(), 'station', 0],
    ['consent revoked', consent({ revoked: true }), 'village', 0],
    ['no consent at all', null, 'village', 0],
    ['a console with no level', consent(), null, 0],
  ] as const)('%s', (_case, given, level, expected) => {
    expect(consentEnd(given, level)).toBe(expected);
  });
});
