import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_LEVELS, type CameraView, type OwnerKind, type SiteLevel } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useAccessState, useStores } from '../../state/hooks';
import { fromLocalInput, mayWatch, toLocalInput } from '../../ui/consent';
import { Field } from '../../ui/Field';
import { FormFooter } from '../../ui/FormFooter';
import { ConsentText } from '../../ui/ConsentText';

/**
 * Who owns the camera, and for a household camera what the owner agreed to: which levels may
 * watch it live, until when, or that they took it back. Saved on its own (`cameras.setConsent`).
 */
export function ConsentEditor({ camera }: { camera: CameraView }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const scopeLevel = useAccessState()?.scope?.level ?? null;
  const [ownerKind, setOwnerKind] = useState<OwnerKind>(camera.ownerKind ?? 'public');
  const [name, setName] = useState(camera.owner?.name ?? '');
  const [contact, setContact] = useState(camera.owner?.contact ?? '');
  const [levels, setLevels] = useState<ReadonlySet<SiteLevel>>(new Set(camera.consent?.levels ?? []));
  const [until, setUntil] = useState(toLocalInput(camera.consent?.until ?? null));
  const [revoked, setRevoked] = useState(camera.consent?.revoked ?? false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const household = ownerKind === 'household';
  const consent = { levels: SITE_LEVELS.filter((l) => levels.has(l)), until: fromLocalInput(until), revoked };
  // Saving what the owner agreed to may take the camera off this very console: say so first.
  const hiddenHere = scopeLevel !== null && !mayWatch({ ownerKind, consent }, scopeLevel, Date.now());

  const toggle = (level: SiteLevel) =>
    setLevels((now) => {
      const next = new Set(now);
      if (!next.delete(level)) next.add(level);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await api.invoke('cameras.setConsent', {
      cameraId: camera.id,
      ownerKind,
      owner: household && name.trim() !== '' ? { name, contact } : null,
      consent: household ? consent : null,
    });
    setFailure(failureOf(result));
    setSaved(result.ok);
  };

  return (
    <form className="side-form settings-form consent-editor" data-testid="consent-editor" onSubmit={(event) => void submit(event)}>
      <h3>{t('consent.title')}</h3>
      {camera.ownerKind === 'household' && (
        <p className="panel-note" data-testid="consent-now">
          <ConsentText camera={camera} />
        </p>
      )}
      <fieldset className="form-choices">
        <legend>{t('consent.ownerKind')}</legend>
        {(['public', 'household'] as const).map((kind) => (
          <label key={kind} className="form-check">
            <input type="radio" name="ownerKind" data-testid={`consent-kind-${kind}`} checked={ownerKind === kind} onChange={() => setOwnerKind(kind)} />
            {t(`consent.kind.${kind}`)}
          </label>
        ))}
      </fieldset>
      {household && (
        <>
          <div className="form-pair">
            <Field label={t('consent.ownerName')}>
              <input data-testid="consent-owner" value={name} maxLength={64} autoComplete="off" onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t('consent.contact')}>
              <input data-testid="consent-contact" value={contact} maxLength={64} autoComplete="off" onChange={(e) => setContact(e.target.value)} />
            </Field>
          </div>
          <fieldset className="form-choices">
            <legend>{t('consent.levels')}</legend>
            {SITE_LEVELS.map((level) => (
              <label key={level} className="form-check">
                <input type="checkbox" data-testid={`consent-level-${level}`} checked={levels.has(level)} onChange={() => toggle(level)} />
                {t(`consent.level.${level}`)}
              </label>
            ))}
          </fieldset>
          <Field label={t('consent.until')}>
            <input type="datetime-local" data-testid="consent-until" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Field>
          <label className="form-check">
            <input type="checkbox" data-testid="consent-revoked" checked={revoked} onChange={(e) => setRevoked(e.target.checked)} />
            {t('consent.revoked')}
          </label>
          {hiddenHere && <p className="form-hint" data-testid="consent-hidden-here">{t('consent.hiddenHere')}</p>}
        </>
      )}
      <FormFooter failure={failure} failedLead={t('consent.failed')} savedText={saved ? t('consent.saved') : null} submit={{ label: t('consent.save'), testId: 'consent-save' }} />
    </form>
  );
}
