import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, type ImportPreview, type ImportResult, type ProbeReport } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useCamerasView, useStores } from '../../state/hooks';
import { FailureText } from '../../ui/FailureText';
import { Field } from '../../ui/Field';
import { fileAsBase64, saveTextFile } from '../../lib/files';
import { ImportPreviewTable } from './ImportPreviewTable';
import { ImportResultView } from './ImportResultView';
import { runBounded } from './probeQueue';
import { TownshipPicker } from './TownshipPicker';

/** Connection tests at once from the preview: each is an ffmpeg on the host and a camera login. */
const PROBE_LIMIT = 3;

/** Bulk import: template, township, file → preview (every row checked in main) → optional tests → import. */
export function ImportPanel() {
  const { t } = useTranslation();
  const { api } = useStores();
  const { sites } = useCamerasView();
  const townships = sites.filter((s) => s.level === 'township' || s.level === 'station');
  const [townshipId, setTownshipId] = useState('');
  const [busy, setBusy] = useState<'reading' | 'committing' | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [probes, setProbes] = useState<Map<number, ProbeReport | 'running'>>(new Map());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<{ lead: string; failure: Failure } | null>(null);
  const stop = useRef(false);
  const chosen = townships.some((s) => s.id === townshipId) ? townshipId : (townships[0]?.id ?? '');
  const good = preview ? preview.rows.filter((r) => r.problems.length === 0) : [];

  const downloadTemplate = async () => {
    const template = await api.invoke('import.template');
    if (template.ok) saveTextFile(template.value.fileName, template.value.csv, 'text/csv;charset=utf-8');
  };

  const read = async (file: File) => {
    setPreview(null);
    setResult(null);
    setProbes(new Map());
    setFailure(null);
    const base64 = await fileAsBase64(file, MAX_IMPORT_BYTES);
    if (base64 === null) return setFailure({ lead: t('import.readFailed'), failure: { code: 'bad_request', message: 'file:too_large' } });
    setBusy('reading');
    const answer = await api.invoke('import.preview', { fileName: file.name, base64, townshipId: chosen });
    setBusy(null);
    if (answer.ok) setPreview(answer.value);
    else setFailure({ lead: t('import.readFailed'), failure: failureOf(answer)! });
  };

  const probeAll = async () => {
    if (!preview) return;
    stop.current = false;
    setProgress({ done: 0, total: good.length });
    setProbes(new Map(good.map((row) => [row.line, 'running'])));
    await runBounded({
      items: good,
      limit: PROBE_LIMIT,
      run: (row) => api.invoke('import.probe', { previewId: preview.previewId, line: row.line }),
      onResult: (row, answer, done) => {
        setProbes((current) => new Map(current).set(row.line, answer.ok ? answer.value : { outcome: 'failed', codec: null, width: null, height: null, fps: null, elapsedMs: 0, detail: answer.message }));
        setProgress({ done, total: good.length });
      },
      stopped: () => stop.current,
    });
    setProbes((current) => new Map([...current].filter(([, probe]) => probe !== 'running')));
    setProgress(null);
  };

  const commit = async () => {
    if (!preview) return;
    stop.current = true;
    setBusy('committing');
    // Every row goes: main imports the good ones and reports each bad one, so the result says what was left out.
    const answer = await api.invoke('import.commit', { previewId: preview.previewId, lines: preview.rows.map((r) => r.line) });
    setBusy(null);
    if (answer.ok) {
      setResult(answer.value);
      setPreview(null);
    } else setFailure({ lead: t('import.commitFailed'), failure: failureOf(answer)! });
  };

  return (
    <section className="import-panel" data-testid="import-panel">
      <p className="panel-note">{t('import.intro')}</p>
      <div className="form-actions">
        <button type="button" data-testid="import-template" onClick={() => void downloadTemplate()}>
          {t('import.template')}
        </button>
      </div>
      <TownshipPicker townships={townships} value={chosen} onChange={setTownshipId} />
      {chosen !== '' && (
        <Field label={t('import.chooseFile')}>
          <input type="file" data-testid="import-file" accept=".csv,.xlsx,.txt,text/csv" disabled={busy !== null} onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
        </Field>
      )}
      {busy === 'reading' && <p className="panel-note">{t('import.reading')}</p>}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={failure.lead} failure={failure.failure} />
        </p>
      )}
      {preview && (
        <>
          <p data-testid="import-summary">
            {t('import.summary', { total: t('counted.rows', { count: preview.rows.length }), good: good.length, bad: preview.rows.length - good.length })}
            {preview.encoding && <span className="import-meta"> · {t('import.encoding', { encoding: preview.encoding })}</span>}
          </p>
          {preview.newVillages.length > 0 && <p className="panel-note">{t('import.newVillages', { names: preview.newVillages.join('、') })}</p>}
          <div className="form-actions">
            <button type="button" className="primary" data-testid="import-commit" disabled={busy !== null || good.length === 0} onClick={() => void commit()}>
              {busy === 'committing' ? t('import.committing') : t('import.commit', { count: good.length })}
            </button>
            {progress ? (
              <button type="button" onClick={() => (stop.current = true)}>
                {t('import.probeStop')}
              </button>
            ) : (
              <button type="button" data-testid="import-probe-all" disabled={busy !== null || good.length === 0} onClick={() => void probeAll()}>
                {t('import.probeAll')}
              </button>
            )}
          </div>
          {progress && (
            <label className="import-progress">
              {t('import.probing', progress)}
              <progress data-testid="import-probe-progress" value={progress.done} max={progress.total} />
            </label>
          )}
          <ImportPreviewTable rows={preview.rows} probes={probes} />
        </>
      )}
      {result && <ImportResultView result={result} onAgain={() => setResult(null)} />}
    </section>
  );
}
