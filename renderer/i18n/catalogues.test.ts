import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, ERROR_CODES, EVIDENCE_VERIFY_PROBLEMS, HASH_CHECKS, MEDIA_CHECKS, RECORDING_PROBLEMS, REFUSALS, SIGNATURE_CHECKS, SITE_LEVELS, STREAM_STATES } from '../../preload/api';
import { NAMED_LAYOUTS } from '../../preload/layouts';
import { KEY_HELP } from '../features/keyboard/keymap';
import { PROBLEMS, TEMPLATE_PROBLEMS } from '../ui/problems';
import { REASONS, reasonOf } from '../ui/reasons';
import { EVIDENCE_PROBLEMS, PIN_PROBLEMS } from '../ui/refusals';
import en from './en.json';
import zhCN from './zh-CN.json';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix + key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, `${path}.`)) entries.set(k, v);
  }
  return entries;
}

const variables = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const zh = flatten(zhCN);
const english = flatten(en);

/** i18next's count forms: English has `_one` and `_other`; Chinese needs one form (the plain key, or `_other`). */
const PLURAL = /_(one|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');
/** The English strings standing for one Chinese key: itself, or its count forms. */
const englishForms = (key: string) => [baseKey(key), `${baseKey(key)}_one`, `${baseKey(key)}_other`].filter((k) => english.has(k));
const baseKeys = (keys: Iterable<string>) => [...new Set([...keys].map(baseKey))].sort();

/** Units after a number that are not counted nouns ("15 fps", "40 ms"). */
const UNITS = new Set(['fps', 'kbps', 'ms', 's', 'MB']);

describe('i18n catalogues', () => {
  it('have the same keys in zh-CN and en', () => {
    expect(baseKeys(english.keys())).toEqual(baseKeys(zh.keys()));
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of zh) {
      const forms = englishForms(key);
      expect(forms.length, key).toBeGreaterThan(0);
      for (const form of forms) expect([form, variables(english.get(form)!)]).toEqual([form, variables(text)]);
    }
  });

  it('count in English with i18next count forms: "1 camera", "2 cameras", never "1 cameras"', () => {
    const unformed: string[] = [];
    for (const [key, text] of english) {
      const counted = /{{\s*count\s*}}/.test(text);
      if (counted && !PLURAL.test(key)) unformed.push(`${key}: takes {{count}} without _one/_other`);
      if (PLURAL.test(key) && !(english.has(`${baseKey(key)}_one`) && english.has(`${baseKey(key)}_other`))) unformed.push(`${key}: lacks a form`);
      if (PLURAL.test(key) && !counted) unformed.push(`${key}: a count form that does not say the count`);
      if (PLURAL.test(key)) continue;
      // Any other number followed by a noun in the plural ("{{total}} cameras", "page(s)") is a count left unformed.
      for (const [, word] of text.matchAll(/{{\s*\w+\s*}}\s+([A-Za-z]+(?:\(s\))?)/g)) {
        if (!UNITS.has(word!) && /s$|\(s\)$/.test(word!)) unformed.push(`${key}: ${word}`);
      }
    }
    expect(unformed).toEqual([]);
  });

  it('have no empty sentences', () => {
    for (const [key, text] of [...zh, ...english]) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('label every stream state and reason, error code, site level, layout, problem, refusal, audit action, evidence check and key', () => {
    const needed = [
      ...STREAM_STATES.filter((s) => reasonOf(s, false) === null).map((s) => `state.${s}`),
      ...REASONS.flatMap((r) => [`reason.name.${r}`, `reason.hint.${r}`]),
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...SITE_LEVELS.map((l) => `site.${l}`),
      ...NAMED_LAYOUTS.map((l) => `layout.${l.id}`),
      ...PROBLEMS.map((p) => `problem.${p}`),
      ...TEMPLATE_PROBLEMS.map((p) => `relay.problem.${p}`),
      ...KEY_HELP.map((k) => `keys.${k.what}`),
      ...REFUSALS.map((r) => `refusal.${r}`),
      ...PIN_PROBLEMS.map((p) => `pinProblem.${p}`),
      ...EVIDENCE_PROBLEMS.map((p) => `evidenceProblem.${p}`),
      ...RECORDING_PROBLEMS.map((p) => `recordingProblem.${p}`),
      ...EVIDENCE_VERIFY_PROBLEMS.map((p) => `evidence.damaged.${p}`),
      ...MEDIA_CHECKS.map((c) => `evidence.check.media.${c}`),
      ...HASH_CHECKS.map((c) => `evidence.check.hash.${c}`),
      ...SIGNATURE_CHECKS.map((c) => `evidence.check.signature.${c}`),
      ...AUDIT_ACTION_NAMES.map((a) => `audit.action.${a}`),
      ...SITE_LEVELS.map((l) => `consent.level.${l}`),
    ];
    for (const key of needed) {
      expect(zh.has(key), `zh-CN lacks ${key}`).toBe(true);
      expect(english.has(key), `en lacks ${key}`).toBe(true);
    }
  });
});
