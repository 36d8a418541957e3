import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceExportView } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { FailureText } from '../../ui/FailureText';
import { formatDateTime } from '../../ui/formatTime';
import { ReasonDialog } from '../evidence';

type Step = { kind: 'reason' } | { kind: 'running' } | { kind: 'done'; view: EvidenceExportView } | { kind: 'failed'; failure: Failure };

/**
 * The range chosen on a timeline, exported as evidence: the reason first (kept in the manifest and
 * the records; household cameras cannot go without), then the case folder it went to.
 */
export function ExportRange({ cameraIds, selection }: { cameraIds: readonly string[]; selection: { from: number; to: number } | null }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [step, setStep] = useState<Step | null>(null);
  const run = async (reason: string | null) => {
    if (reason === null || !selection) return setStep(null);
    setStep({ kind: 'running' });
    const trimmed = reason.trim();
    const result = await api.invoke('evidence.export', {
      cameraIds: [...cameraIds],
      profile: 'main',
      from: Math.floor(selection.from),
      to: Math.ceil(selection.to),
      ...(trimmed ? { reason: trimmed } : {}),
    });
    setStep(result.ok ? { kind: 'done', view: result.value } : { kind: 'failed', failure: result });
  };
  return (
    <>
      <button
        type="button"
        data-testid="playback-export"
        disabled={!selection || cameraIds.length === 0 || step?.kind === 'running'}
        title={selection ? `${formatDateTime(selection.from)} – ${formatDateTime(selection.to)}` : t('playback.selectHint')}
        onClick={() => setStep({ kind: 'reason' })}
      >
        {step?.kind === 'running' ? t('playback.exporting') : t('playback.export')}
      </button>
      {step?.kind === 'reason' && <ReasonDialog title={t('playback.exportTitle', { count: cameraIds.length })} go={t('playback.export')} onAnswer={(reason) => void run(reason)} />}
      {(step?.kind === 'done' || step?.kind === 'failed') && (
        <Dialog title={t('playback.exportTitle', { count: cameraIds.length })} testId="export-result" onClose={() => setStep(null)}>
          {step.kind === 'done' ? (
            <>
              <p>{t('playback.exported', { count: step.view.files.length })}</p>
              <code className="evidence-file" data-testid="export-folder">
                {step.view.folder}
              </code>
              <ul className="export-files">
                {[...step.view.files, step.view.manifest].map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="form-error">
              <FailureText lead={t('playback.exportFailed')} failure={step.failure} />
            </p>
          )}
        </Dialog>
      )}
    </>
  );
}
