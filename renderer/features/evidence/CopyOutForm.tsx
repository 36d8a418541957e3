import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceCopyOut, EvidenceItem } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useIsAdmin, useStores } from '../../state/hooks';
import { AdminHint } from '../../ui/AdminHint';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';

/**
 * Copying the chosen files out (to a USB drive): an export, so the admin does it, household
 * cameras need a reason, every copy is hashed again, and each file goes into the records.
 */
export function CopyOutForm({ chosen }: { chosen: EvidenceItem[] }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const admin = useIsAdmin();
  const [folder, setFolder] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<EvidenceCopyOut | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const needsReason = chosen.some((item) => item.household);

  if (!admin) return <AdminHint what={t('evidence.copyOutTitle')} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    const result = await api.invoke('evidence.copyOut', { files: chosen.map((item) => item.file), folder: folder.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    setDone(result.ok ? result.value : null);
    setFailure(failureOf(result));
  };

  return (
    <form className="side-form evidence-copy" data-testid="evidence-copy-form" onSubmit={(event) => void submit(event)}>
      <h3>{t('evidence.copyOutTitle')}</h3>
      <p className="form-hint">{t('evidence.copyOutIntro', { count: chosen.length })}</p>
      <Field label={t('evidence.copyOutFolder')}>
        <input data-testid="evidence-copy-folder" value={folder} autoComplete="off" placeholder={t('evidence.copyOutFolderPlaceholder')} onChange={(e) => setFolder(e.target.value)} />
      </Field>
      {needsReason && (
        <Field label={t('evidence.reason')}>
          <input data-testid="evidence-copy-reason" value={reason} maxLength={200} autoComplete="off" placeholder={t('evidence.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('evidence.copyOutFailed')} failure={failure} />
        </p>
      )}
      {done && (
        <p className="form-ok" role="status" data-testid="evidence-copy-done">
          {t('evidence.copyOutDone', { count: done.copied.length, folder: done.folder })}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          data-testid="evidence-copy-go"
          disabled={busy || chosen.length === 0 || folder.trim() === '' || (needsReason && reason.trim() === '')}
        >
          {busy ? t('evidence.copyOutBusy') : t('evidence.copyOutGo')}
        </button>
      </div>
    </form>
  );
}
