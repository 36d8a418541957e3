import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';

/**
 * One evidence file shown in the console: the snapshot, or the clip in a player. Main serves it
 * over the loopback server with a ticket for this file, never as file://.
 */
export function EvidencePreview({ item, onClose }: { item: EvidenceItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let current = true;
    void api.invoke('evidence.preview', { file: item.file }).then((result) => {
      if (!current) return;
      setUrl(result.ok ? result.value.url : null);
      setFailure(failureOf(result));
    });
    return () => {
      current = false;
    };
  }, [api, item.file]);

  return (
    <section className="evidence-preview" data-testid="evidence-preview" data-file={item.file} aria-label={t('evidence.previewTitle', { name: item.cameraName })}>
      <header>
        <strong>{t('evidence.previewTitle', { name: item.cameraName })}</strong>
        <code className="evidence-file">{item.file}</code>
        <button type="button" className="quiet" data-testid="evidence-preview-close" onClick={onClose}>
          {t('evidence.previewClose')}
        </button>
      </header>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('evidence.previewFailed')} failure={failure} />
        </p>
      )}
      {url && item.kind === 'snapshot' && <img data-testid="evidence-preview-image" src={url} alt={item.file} />}
      {url && item.kind === 'clip' && <video data-testid="evidence-preview-video" src={url} controls preload="metadata" />}
    </section>
  );
}

/** A snapshot's thumbnail in the list: loaded only when asked for, like the preview. */
export function EvidenceThumbnail({ item }: { item: EvidenceItem }) {
  const { api } = useStores();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api.invoke('evidence.preview', { file: item.file }).then((result) => current && result.ok && setUrl(result.value.url));
    return () => {
      current = false;
    };
  }, [api, item.file]);
  return url ? <img className="evidence-thumb" data-testid="evidence-thumb" src={url} alt="" loading="lazy" /> : <span className="evidence-thumb" />;
}
