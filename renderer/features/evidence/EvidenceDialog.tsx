import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem, SigningKeyView } from '../../../preload/api';
import { saveTextFile } from '../../lib/files';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { DataTable } from '../../ui/DataTable';
import { FailureText } from '../../ui/FailureText';
import { formatDateTime, formatElapsed } from '../../ui/formatTime';
import { CopyOutForm } from './CopyOutForm';
import { EvidencePreview, EvidenceThumbnail } from './EvidencePreview';
import { RevealButton } from './RevealButton';
import { VerifyButton } from './VerifyButton';

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * Every snapshot and clip this caller may see, newest first: each can be shown here (a thumbnail
 * for snapshots, a player for clips), found on disk, checked ("核验"), and copied out.
 */
export function EvidenceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [signingKey, setSigningKey] = useState<SigningKeyView | null | undefined>(undefined);
  const [previewing, setPreviewing] = useState<EvidenceItem | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    void api.invoke('evidence.list').then((result) => {
      setItems(result.ok ? result.value : []);
      setFailure(failureOf(result));
    });
    void api.invoke('evidence.signingKey').then((result) => setSigningKey(result.ok ? result.value : undefined));
  }, [api]);

  const choose = (file: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(file)) next.add(file);
      return next;
    });

  return (
    <Dialog title={t('evidence.listTitle')} testId="evidence-dialog" size="wide" onClose={onClose}>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('evidence.listFailed')} failure={failure} />
        </p>
      )}
      {items === null && <p className="panel-note">{t('evidence.loading')}</p>}
      {items?.length === 0 && !failure && <p className="panel-note">{t('evidence.empty')}</p>}
      {previewing && <EvidencePreview key={previewing.file} item={previewing} onClose={() => setPreviewing(null)} />}
      {items && items.length > 0 && (
        <DataTable
          columns={[
            t('evidence.col.choose'),
            t('evidence.col.time'),
            t('evidence.col.kind'),
            t('evidence.col.camera'),
            t('evidence.col.file'),
            t('evidence.col.length'),
            t('evidence.col.size'),
            t('evidence.col.note'),
            t('evidence.col.actions'),
          ]}
        >
          {items.map((item) => (
            <tr key={item.file} data-testid="evidence-row" data-file={item.file} data-kind={item.kind}>
              <td>
                {/* An export is a case folder, already made to be handed over whole: it is not copied out file by file. */}
                <input type="checkbox" data-testid="evidence-choose" aria-label={item.file} checked={chosen.has(item.file)} disabled={item.kind === 'export'} onChange={() => choose(item.file)} />
              </td>
              <td>{formatDateTime(Date.parse(item.startedAt))}</td>
              <td>{t(`evidence.kind.${item.kind}`)}</td>
              <td>{item.cameraName}</td>
              <td className="evidence-file">
                {item.kind === 'snapshot' && <EvidenceThumbnail item={item} />}
                {item.file}
              </td>
              <td data-testid="evidence-length">{item.durationSeconds === null ? '' : formatElapsed(item.durationSeconds)}</td>
              <td>{size(item.bytes)}</td>
              <td>{[item.partial ? t('evidence.partial', { reason: item.partialReason ?? '' }) : null, item.reason ? t('evidence.reasonNote', { reason: item.reason }) : null].filter(Boolean).join('；')}</td>
              <td>
                <div className="evidence-actions">
                  {item.kind !== 'export' && (
                    <button type="button" data-testid="evidence-view" onClick={() => setPreviewing(item)}>
                      {t(`evidence.view.${item.kind}`)}
                    </button>
                  )}
                  <RevealButton file={item.file} />
                  <VerifyButton file={item.file} />
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {items && items.length > 0 && <CopyOutForm chosen={items.filter((item) => chosen.has(item.file))} />}
      {signingKey !== undefined && <ConsoleKey signingKey={signingKey} />}
    </Dialog>
  );
}

/** The key this console signs evidence with: its fingerprint to read out, its public key to hand over. */
function ConsoleKey({ signingKey }: { signingKey: SigningKeyView | null }) {
  const { t } = useTranslation();
  if (!signingKey) return <p className="panel-note" data-testid="evidence-key">{t('evidence.signingKeyNone')}</p>;
  const exportKey = () => saveTextFile(`village-wall-${signingKey.fingerprint.replace(/ /g, '')}.pub.pem`, signingKey.publicKeyPem, 'application/x-pem-file');
  return (
    <p className="panel-note evidence-key" data-testid="evidence-key" data-fingerprint={signingKey.fingerprint}>
      <span>{t('evidence.signingKey', { fingerprint: signingKey.fingerprint })}</span>
      <button type="button" title={t('evidence.exportKeyTitle')} data-testid="evidence-key-export" onClick={exportKey}>
        {t('evidence.exportKey')}
      </button>
    </p>
  );
}
