import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../state/failure';
import { hostSentenceKey } from './refusals';
import { PROBLEMS, SETTINGS_FIELDS, SETTINGS_PROBLEMS, TEMPLATE_PROBLEMS, type Problem, type SettingsField, type SettingsProblem, type TemplateProblem } from './problems';

const FIELDS = ['name', 'mainUrl', 'subUrl', 'username', 'password', 'site'] as const;

const isFormField = (name: string): name is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(name);
const isSettingsField = (name: string): name is SettingsField => (SETTINGS_FIELDS as readonly string[]).includes(name);

/**
 * The host writes refusals as `field:problem` (e.g. `mainUrl:scheme`, `relay.template:empty`);
 * we turn them into a sentence. A field with no label of ours (none should reach a clerk) is not
 * named at all: the sentence falls back to the refusal's code, never to the developer's name.
 */
export function explainProblem(message: string): { field: string; problem: Problem | SettingsProblem } | null {
  const match = /^([A-Za-z.]+):([a-z_]+)$/.exec(message);
  if (!match) return null;
  const problem = match[2] as Problem | SettingsProblem;
  const known = (PROBLEMS as readonly string[]).includes(problem) || (SETTINGS_PROBLEMS as readonly string[]).includes(problem);
  // `relay.host` (a field inside the media server's settings) is labelled as `host`, `location.lat` as `lat`.
  const parts = match[1]!.replace(/^relay\./, '').split('.').map((part) => part.replace(/Id$/, ''));
  const field = [parts.join('.'), parts.at(-1)!, parts[0]!].find((name) => isFormField(name) || isSettingsField(name));
  return known && field ? { field, problem } : null;
}

/** `field:problem` or one of main's refusals → the catalogue's sentence, or null for any other message. */
export function useProblemSentence(): (message: string) => string | null {
  const { t } = useTranslation();
  return (message) => {
    const host = hostSentenceKey(message);
    if (host) return t(host);
    // Template refusals share words with camera URLs ('scheme', 'host') but need their own sentences.
    const template = /^template:([a-z_]+)$/.exec(message)?.[1];
    if (template && (TEMPLATE_PROBLEMS as readonly string[]).includes(template)) return t(`relay.problem.${template as TemplateProblem}`);
    const explained = explainProblem(message);
    if (!explained) return null;
    const { field: name, problem } = explained;
    const field = isFormField(name) ? t(`form.${name}`) : t(`settings.field.${name as SettingsField}`);
    return (SETTINGS_PROBLEMS as readonly string[]).includes(problem)
      ? t(`settings.problem.${problem as SettingsProblem}`, { field })
      : t(`problem.${problem as Problem}`, { field });
  };
}

/**
 * "<what failed> <a sentence the clerk understands>", with the host's technical words one click away.
 */
export function FailureText({ lead, failure }: { lead: string; failure: Failure }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const sentence = useProblemSentence()(failure.message) ?? t(`error.${failure.code}`);
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
