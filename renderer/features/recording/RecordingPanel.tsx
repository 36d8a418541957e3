import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, RecordingFiguresView, RecordingStateView } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useCamerasView, useStores } from '../../state/hooks';
import { DataTable } from '../../ui/DataTable';
import { FailureText } from '../../ui/FailureText';
import { FormFooter } from '../../ui/FormFooter';
import { formatDateTime } from '../../ui/formatTime';
import { RecordingMark } from '../../ui/RecordingMark';
import { formProblems, recordingForm, settingsOf, type RecordingForm } from './recordingRows';
import './recording.css';

const PROFILES: Profile[] = ['main', 'sub'];

/**
 * Settings → 录像 (admins): per camera, whether it is recorded now (or why not), the days to keep
 * its main and sub stream (blank: not recorded), its oldest footage and bytes a day; for the disk,
 * the folder (checked in main), the quota, the minimum free space, and how many days until full at the current rate.
 */
export function RecordingPanel() {
  const { t } = useTranslation();
  const { api } = useStores();
  const { cameras } = useCamerasView();
  const [state, setState] = useState<RecordingStateView | null>(null);
  const [form, setForm] = useState<RecordingForm | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void api.invoke('recording.get').then((result) => {
      if (!live) return;
      if (!result.ok) return setFailure(failureOf(result));
      setState(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  // Rows are made once both have come; the clerk's edits are never replaced under them.
  useEffect(() => {
    if (state && cameras) setForm((current) => current ?? recordingForm(cameras, state.settings));
  }, [state, cameras]);

  if (!form || !state) {
    return failure ? (
      <p className="form-error" role="alert">
        <FailureText lead={t('recordingSettings.loadFailed')} failure={failure} />
      </p>
    ) : (
      <p className="panel-note">{t('recordingSettings.loading')}</p>
    );
  }

  const problems = formProblems(form);
  const edit = (change: (draft: RecordingForm) => RecordingForm) => {
    setSaved(false);
    setForm((current) => current && change(current));
  };
  const setDays = (cameraId: string, profile: Profile, text: string) =>
    edit((draft) => ({ ...draft, rows: draft.rows.map((row) => (row.cameraId === cameraId ? { ...row, days: { ...row.days, [profile]: text } } : row)) }));

  const save = async () => {
    const settings = settingsOf(form);
    if (!settings) return;
    setSaving(true);
    const result = await api.invoke('recording.set', settings);
    setSaving(false);
    setFailure(failureOf(result));
    if (!result.ok) return;
    setState(result.value);
    setSaved(true);
  };

  return (
    <form
      className="recording-panel"
      data-testid="recording-panel"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 className="side-heading">{t('settings.tabs.recording')}</h3>
      <p className="form-hint">{t('recordingSettings.intro')}</p>
      <DataTable
        className="recording-table"
        columns={[t('recordingSettings.col.camera'), t('recordingSettings.col.now'), t('recordingSettings.col.mainDays'), t('recordingSettings.col.subDays'), t('recordingSettings.col.oldest'), t('recordingSettings.col.perDay')]}
      >
        {form.rows.map((row) => (
          <tr key={row.cameraId} data-testid="recording-row" data-camera-id={row.cameraId}>
            <td>{row.name}</td>
            <td>
              <RecordingMark cameraId={row.cameraId} />
            </td>
            {PROFILES.map((profile) => (
              <td key={profile}>
                <input
                  type="text"
                  inputMode="numeric"
                  className="recording-days"
                  data-testid={`recording-days-${profile}`}
                  aria-label={t(`recordingSettings.col.${profile}Days`)}
                  aria-invalid={problems.has(`${row.cameraId}:${profile}`)}
                  placeholder={t('recordingSettings.notRecorded')}
                  value={row.days[profile]}
                  onChange={(event) => setDays(row.cameraId, profile, event.target.value)}
                />
              </td>
            ))}
            <StreamFigures cameraId={row.cameraId} figures={state.figures} />
          </tr>
        ))}
      </DataTable>
      {[...problems].some((problem) => problem.includes(':')) && <p className="form-error">{t('recordingSettings.daysInvalid')}</p>}

      <h3 className="side-heading">{t('recordingSettings.disk')}</h3>
      <label className="form-field recording-folder">
        {t('recordingSettings.folder')}
        <input type="text" data-testid="recording-folder" placeholder={t('recordingSettings.folderDefault')} value={form.folder} onChange={(e) => edit((d) => ({ ...d, folder: e.target.value }))} />
      </label>
      <p className="form-hint">{t('recordingSettings.folderHint')}</p>
      <div className="recording-disk">
        <label className="form-field">
          {t('recordingSettings.quotaGb')}
          <input type="text" inputMode="decimal" data-testid="recording-quota" aria-invalid={problems.has('quota')} placeholder={t('recordingSettings.noQuota')} value={form.quotaGb} onChange={(e) => edit((d) => ({ ...d, quotaGb: e.target.value }))} />
        </label>
        <label className="form-field">
          {t('recordingSettings.minFreeGb')}
          <input type="text" inputMode="decimal" data-testid="recording-min-free" aria-invalid={problems.has('minFree')} value={form.minFreeGb} onChange={(e) => edit((d) => ({ ...d, minFreeGb: e.target.value }))} />
        </label>
        <DiskFigures figures={state.figures} />
      </div>

      <FormFooter
        failure={failure}
        failedLead={t('recordingSettings.saveFailed')}
        savedText={saved ? t('recordingSettings.saved') : null}
        submit={{ label: t('recordingSettings.save'), testId: 'recording-save', disabled: saving || problems.size > 0 }}
      />
    </form>
  );
}

/** Bytes in the unit a clerk reads: MB below a GB, GB above. */
function useBytes(): (bytes: number) => string {
  const { t } = useTranslation();
  return (bytes) => (bytes < 1024 ** 3 ? t('recordingSettings.mb', { value: (bytes / 1024 ** 2).toFixed(1) }) : t('recordingSettings.gb', { value: (bytes / 1024 ** 3).toFixed(1) }));
}

/** While the console still reads a month of sidecars: what the names say, and "counting" for the rest, never a blank. */
function StreamFigures({ cameraId, figures }: { cameraId: string; figures: RecordingFiguresView | null }) {
  const { t } = useTranslation();
  const bytes = useBytes();
  const streams = figures?.streams.filter((stream) => stream.cameraId === cameraId) ?? [];
  const oldest = streams.length > 0 ? Math.min(...streams.map((stream) => stream.oldest)) : null;
  const perDay = streams.reduce((sum, stream) => sum + (stream.bytesPerDay ?? 0), 0);
  const counting = figures !== null && !figures.complete;
  const found = streams.reduce((sum, stream) => sum + stream.segments, 0);
  return (
    <>
      <td data-testid="recording-oldest">{oldest !== null ? formatDateTime(oldest) : counting ? t('recordingSettings.counting') : '—'}</td>
      <td data-testid="recording-per-day">{counting ? (found > 0 ? t('recordingSettings.countingFound', { count: found }) : t('recordingSettings.counting')) : perDay > 0 ? bytes(perDay) : '—'}</td>
    </>
  );
}

function DiskFigures({ figures }: { figures: RecordingFiguresView | null }) {
  const { t } = useTranslation();
  const bytes = useBytes();
  if (!figures) return <p className="form-hint">{t('recordingSettings.notMeasured')}</p>;
  const free = figures.freeBytes === null ? '—' : bytes(figures.freeBytes);
  if (!figures.complete || figures.usedBytes === null)
    return (
      <p className="recording-room" data-testid="recording-room">
        {t('recordingSettings.usedCounting', { free })}{' '}
        <span data-testid="recording-days-until-full">{t('recordingSettings.counting')}</span>
      </p>
    );
  return (
    <p className="recording-room" data-testid="recording-room">
      {t('recordingSettings.used', { used: bytes(figures.usedBytes), free })}{' '}
      <span data-testid="recording-days-until-full">
        {figures.daysUntilFull === null ? t('recordingSettings.noRate') : t('recordingSettings.daysUntilFull', { days: figures.daysUntilFull < 10 ? figures.daysUntilFull.toFixed(1) : Math.floor(figures.daysUntilFull) })}
      </span>
    </p>
  );
}
