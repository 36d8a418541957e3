import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../state/failure';

const FIELDS = ['name', 'mainUrl', 'subUrl', 'username', 'password', 'site'] as const;
const PROBLEMS = ['invalid', 'empty', 'scheme', 'syntax', 'host', 'demo_pattern', 'duplicate_name', 'unknown_site', 'mixed_kinds'] as const;
type Problem = (typeof PROBLEMS)[number];

/** The host writes refusals as `field:problem` (e.g. `mainUrl:scheme`); we turn them into a sentence. */
export function explainProblem(message: string): { field: string; problem: Problem } | null {
  const match = /^([A-Za-z.]+):([a-z_]+)$/.exec(message);
  if (!match) return null;
  const problem = match[2] as Problem;
  return PROBLEMS.includes(problem) ? { field: match[1]!.replace(/Id$/, ''), problem } : null;
}

/**
 * "<what failed> <a sentence the clerk understands>", with the host's technical words one click away.
 */
export function FailureText({ lead, failure }: { lead: string; failure: Failure }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const explained = explainProblem(failure.message);
  const field = explained && (FIELDS as readonly string[]).includes(explained.field) ? t(`form.${explained.field as (typeof FIELDS)[number]}`) : explained?.field;
  const sentence = explained ? t(`problem.${explained.problem}`, { field }) : t(`error.${failure.code}`);
  const technical = [failure.message, failure.detail].filter(Boolean).join('\n');
  return (
    <>
      {lead} <span data-testid="failure-sentence">{sentence}</span>{' '}
      <button type="button" className="link-button" onClick={() => setOpen((v) => !v)}>
        {open ? t('common.hideDetails') : t('common.details')}
      </button>
      {open && <pre className="failure-message">{technical}</pre>}
    </>
  );
}
