import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem, SigningKeyView } from '../../../preload/api';
import { saveTextFile } from '../../lib/files';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';
import { DataTable } from '../../ui/DataTable';
import { FailureText } from '../../ui/FailureText';
import { formatDateTime } from '../../ui/formatTime';
import { VerifyButton } from './VerifyButton';

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Every snapshot and clip saved here, newest first, each with "核验" (is it still as it was saved?). */
export function EvidenceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [signingKey, setSigningKey] = useState<SigningKeyView | null | undefined>(undefined);

  useEffect(() => {
    void api.invoke('evidence.list').then((result) => {
      setItems(result.ok ? result.value : []);
      setFailure(failureOf(result));
    });
    void api.invoke('evidence.signingKey').then((result) => setSigningKey(result.ok ? result.value : undefined));
  }, [api]);

  return (
    <Dialog title={t('evidence.listTitle')} testId="evidence-dialog" size="wide" onClose={onClose}>
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('evidence.listFailed')} failure={failure} />
        </p>
      )}
      {items === null && <p className="panel-note">{t('evidence.loading')}</p>}
      {items?.length === 0 && !failure && <p className="panel-note">{t('evidence.empty')}</p>}
      {items && items.length > 0 && (
        <DataTable
          columns={[
            t('evidence.col.time'),
            t('evidence.col.kind'),
            t('evidence.col.camera'),
            t('evidence.col.file'),
            t('evidence.col.size'),
            t('evidence.col.note'),
            t('evidence.col.verify'),
          ]}
        >
          {items.map((item) => (
            <tr key={item.file} data-testid="evidence-row" data-file={item.file} data-kind={item.kind}>
              <td>{formatDateTime(Date.parse(item.startedAt))}</td>
              <td>{t(`evidence.kind.${item.kind}`)}</td>
              <td>{item.cameraName}</td>
              <td className="evidence-file">{item.file}</td>
              <td>{size(item.bytes)}</td>
              <td>{[item.partial ? t('evidence.partial', { reason: item.partialReason ?? '' }) : null, item.reason ? t('evidence.reasonNote', { reason: item.reason }) : null].filter(Boolean).join('；')}</td>
              <td>
                <VerifyButton file={item.file} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
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
