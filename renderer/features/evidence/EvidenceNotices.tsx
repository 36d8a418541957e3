import { useTranslation } from 'react-i18next';
import type { EvidenceNotice } from '../../state/evidenceStore';
import { useObservable, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import './evidence.css';

/** What became of a snapshot or clip: the file it went to, or why there is none (details a click away). */
export function EvidenceNotices() {
  const { evidence } = useStores();
  const notices = useObservable(evidence.notices);
  if (notices.length === 0) return null;
  return (
    <div className="evidence-notices" role="status">
      {notices.map((notice) => (
        <div key={notice.id} className="evidence-notice" data-testid="evidence-notice" data-kind={notice.kind}>
          <NoticeText notice={notice} />
          <button type="button" className="quiet" aria-label="×" onClick={() => evidence.dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

function NoticeText({ notice }: { notice: EvidenceNotice }) {
  const { t } = useTranslation();
  if (notice.kind === 'failed') {
    return (
      <p className="form-error">
        <FailureText lead={t(`evidence.failed.${notice.what}`, { name: notice.cameraName })} failure={notice.failure} />
      </p>
    );
  }
  const { item } = notice;
  return (
    <p>
      {item.partial ? t('evidence.savedPartial', { reason: item.partialReason ?? '' }) : t(`evidence.saved.${item.kind}`, { name: item.cameraName })}{' '}
      <code className="evidence-file" data-testid="evidence-notice-file">
        {item.file}
      </code>
    </p>
  );
}
