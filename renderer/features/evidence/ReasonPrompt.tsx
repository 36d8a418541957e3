import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable, useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';

/** Before a snapshot or clip of a household camera: why it is taken (kept with the file and in the records). */
export function ReasonPrompt() {
  const { t } = useTranslation();
  const { evidence } = useStores();
  const prompt = useObservable(evidence.prompt);
  // Keyed by the request, so each one starts with an empty reason.
  return prompt ? (
    <ReasonDialog
      key={`${prompt.kind}:${prompt.cameraId}`}
      title={t(`evidence.reasonTitle.${prompt.kind}`, { name: prompt.cameraName })}
      go={t(`evidence.reasonGo.${prompt.kind}`)}
      onAnswer={(reason) => evidence.answer(reason)}
    />
  ) : null;
}

/** Asks why evidence is taken (kept with the file and in the records); null when cancelled. */
export function ReasonDialog({ title, go, onAnswer }: { title: string; go: string; onAnswer(reason: string | null): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAnswer(reason);
  };
  return (
    <Dialog title={title} testId="reason-dialog" onClose={() => onAnswer(null)}>
      <form className="pin-form" onSubmit={submit}>
        <p className="panel-note">{t('evidence.reasonIntro')}</p>
        <Field label={t('evidence.reason')}>
          <input data-testid="reason-input" value={reason} maxLength={200} data-autofocus autoComplete="off" placeholder={t('evidence.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" data-testid="reason-submit">
            {go}
          </button>
          <button type="button" onClick={() => onAnswer(null)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
