/**
 * A refused payload in the page's words: each zod issue (its path and code) becomes the
 * `field:problem` the UI has a catalogue sentence for ("“地址模板”不能为空。"), here and nowhere
 * else. zod's own English stays in the refusal's detail, one click away.
 */
import type { z } from 'zod';

/** The problems a schema can report; each has a sentence in the catalogues (renderer/ui/problems.ts). */
export const SCHEMA_PROBLEMS = ['empty', 'too_long', 'too_many', 'out_of_range', 'invalid'] as const;
export type SchemaProblem = (typeof SCHEMA_PROBLEMS)[number];

type Issue = z.core.$ZodIssue;

export function schemaProblem(issue: Issue): SchemaProblem {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint' || issue.origin === 'date') return 'out_of_range';
      // min(1) on text or a list: nothing was given (a longer minimum is a format the field's own check words).
      return Number(issue.minimum) <= 1 ? 'empty' : 'invalid';
    case 'too_big':
      if (issue.origin === 'string') return 'too_long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_many';
      return 'out_of_range';
    case 'invalid_type':
      return /received undefined$/.test(issue.message) ? 'empty' : 'invalid';
    default:
      return 'invalid';
  }
}

/** The field an issue is about, as the page names fields: `relay.template`, `tags` (not `tags.3`). */
export function issueField(issue: Issue): string {
  const names = issue.path.filter((part): part is string => typeof part === 'string');
  return names.length > 0 ? names.join('.') : 'payload';
}

/** The first issue as `field:problem`, and every issue in zod's words for the details. */
export function describeIssues(issues: readonly Issue[]): { message: string; detail: string } {
  const first = issues[0];
  const message = first ? `${issueField(first)}:${schemaProblem(first)}` : 'payload:invalid';
  const detail = issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
  return { message, detail };
}
