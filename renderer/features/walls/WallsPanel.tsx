import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayView, UnattendedSettingsView } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useAppInfo, usePresetsView, useStores } from '../../state/hooks';
import { DataTable } from '../../ui/DataTable';
import { FailureText } from '../../ui/FailureText';
import { announceArrangement, wallRows, wallsOf, wallUrl, type WallRow } from './wallWindow';
import './walls.css';

type Options = Omit<UnattendedSettingsView, 'walls'>;

/**
 * Settings → 多屏与无人值守 (admins): which wall windows open, each with its preset (or the preset's
 * tour), monitor and full screen; and how the console starts and keeps going unattended.
 */
export function WallsPanel() {
  const { t } = useTranslation();
  const { api } = useStores();
  const [rows, setRows] = useState<WallRow[] | null>(null);
  const [options, setOptions] = useState<Options | null>(null);
  const [displays, setDisplays] = useState<DisplayView[]>([]);
  const [loadFailure, setLoadFailure] = useState<Failure | null>(null);
  const [saveFailure, setSaveFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([api.invoke('unattended.get'), api.invoke('displays.list')]).then(([settings, screens]) => {
      if (!live) return;
      if (screens.ok) setDisplays(screens.value);
      if (!settings.ok) return setLoadFailure(failureOf(settings));
      const { walls, ...rest } = settings.value;
      setRows(wallRows(walls));
      setOptions(rest);
    });
    return () => {
      live = false;
    };
  }, [api]);

  if (loadFailure) {
    return (
      <p className="form-error" role="alert">
        <FailureText lead={t('walls.loadFailed')} failure={loadFailure} />
      </p>
    );
  }
  if (!rows || !options) return <p className="panel-note">{t('walls.loading')}</p>;

  const editRow = (index: number, change: Partial<WallRow>) => {
    setSaved(false);
    setRows((current) => current && current.map((r) => (r.index === index ? { ...r, ...change } : r)));
  };
  const editOptions = (change: Partial<Options>) => {
    setSaved(false);
    setOptions((current) => current && { ...current, ...change });
  };
  const minutesValid = Number.isInteger(options.autoLockMinutes) && options.autoLockMinutes >= 1 && options.autoLockMinutes <= 240;

  const save = async () => {
    setSaving(true);
    const result = await api.invoke('unattended.set', { walls: wallsOf(rows), ...options });
    setSaving(false);
    setSaveFailure(failureOf(result));
    setSaved(result.ok);
    if (result.ok) announceArrangement();
  };

  return (
    <section className="walls-panel" data-testid="walls-panel">
      <h3 className="side-heading">{t('walls.tab')}</h3>
      <p className="form-hint">{t('walls.intro')}</p>
      <DataTable
        className="walls-table"
        columns={[t('walls.col.wall'), t('walls.col.used'), t('walls.col.preset'), t('walls.col.tour'), t('walls.col.fullscreen'), t('walls.col.display')]}
      >
        {rows.map((row) => (
          <WallRowEditor key={row.index} row={row} displays={displays} onChange={(change) => editRow(row.index, change)} />
        ))}
      </DataTable>
      {displays.length === 0 && <p className="form-hint">{t('walls.linkHint')}</p>}

      <h3 className="side-heading">{t('walls.unattended')}</h3>
      <div className="walls-options">
        <Check testId="walls-start-at-login" checked={options.startAtLogin} label={t('walls.startAtLogin')} onChange={(v) => editOptions({ startAtLogin: v })} />
        <Check testId="walls-restore" checked={options.restoreWalls} label={t('walls.restoreWalls')} onChange={(v) => editOptions({ restoreWalls: v })} />
        <Check testId="walls-keep-awake" checked={options.keepAwake} label={t('walls.keepAwake')} onChange={(v) => editOptions({ keepAwake: v })} />
        <label className="form-field">
          {t('walls.onMissingDisplay')}
          <select data-testid="walls-missing" value={options.onMissingDisplay} onChange={(e) => editOptions({ onMissingDisplay: e.target.value === 'wait' ? 'wait' : 'move' })}>
            <option value="move">{t('walls.missingMove')}</option>
            <option value="wait">{t('walls.missingWait')}</option>
          </select>
        </label>
        <label className="form-field">
          {t('walls.autoLockMinutes')}
          <input
            type="number"
            min={1}
            max={240}
            step={1}
            data-testid="walls-auto-lock"
            aria-invalid={!minutesValid}
            value={Number.isNaN(options.autoLockMinutes) ? '' : options.autoLockMinutes}
            onChange={(e) => editOptions({ autoLockMinutes: e.target.valueAsNumber })}
          />
          <span className="form-hint">{t('walls.autoLockHint')}</span>
        </label>
        <DesktopOnlyNote />
      </div>

      <div className="form-actions">
        <button type="button" className="primary" data-testid="walls-save" disabled={saving || !minutesValid} onClick={() => void save()}>
          {t('walls.save')}
        </button>
        {saved && (
          <span className="form-ok" role="status" data-testid="walls-saved">
            {t('walls.saved')}
          </span>
        )}
      </div>
      {saveFailure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('walls.saveFailed')} failure={saveFailure} />
        </p>
      )}
    </section>
  );
}

function WallRowEditor({ row, displays, onChange }: { row: WallRow; displays: DisplayView[]; onChange: (change: Partial<WallRow>) => void }) {
  const { t } = useTranslation();
  const { presets } = usePresetsView();
  const preset = presets?.find((p) => p.id === row.presetId);
  const known = row.presetId === null || preset !== undefined;
  return (
    <tr data-testid="walls-row" data-wall={row.index} data-used={row.used}>
      <td>{t('walls.wallN', { index: row.index })}</td>
      <td>
        <input type="checkbox" data-testid="walls-used" aria-label={t('walls.col.used')} checked={row.used} onChange={(e) => onChange({ used: e.target.checked })} />
      </td>
      <td>
        <select data-testid="walls-preset" aria-label={t('walls.col.preset')} value={row.presetId ?? ''} onChange={(e) => onChange({ presetId: e.target.value === '' ? null : e.target.value, used: true })}>
          <option value="">{t('walls.noPreset')}</option>
          {!known && row.presetId && <option value={row.presetId}>{t('walls.presetGone')}</option>}
          {(presets ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          data-testid="walls-tour"
          aria-label={t('walls.col.tour')}
          title={preset && !preset.tour ? t('walls.noTour') : undefined}
          checked={row.tour}
          onChange={(e) => onChange({ tour: e.target.checked })}
        />
      </td>
      <td>
        <input type="checkbox" data-testid="walls-fullscreen" aria-label={t('walls.col.fullscreen')} checked={row.fullscreen} onChange={(e) => onChange({ fullscreen: e.target.checked })} />
      </td>
      <td>{displays.length > 0 ? <DisplayPicker row={row} displays={displays} onChange={onChange} /> : <BrowserWindowLink index={row.index} />}</td>
    </tr>
  );
}

function DisplayPicker({ row, displays, onChange }: { row: WallRow; displays: DisplayView[]; onChange: (change: Partial<WallRow>) => void }) {
  const { t } = useTranslation();
  const missing = row.displayId !== null && !displays.some((d) => d.id === row.displayId);
  return (
    <select
      data-testid="walls-display"
      aria-label={t('walls.col.display')}
      value={row.displayId === null ? '' : String(row.displayId)}
      onChange={(e) => onChange({ displayId: e.target.value === '' ? null : Number(e.target.value) })}
    >
      <option value="">{t('walls.displayAuto')}</option>
      {missing && <option value={String(row.displayId)}>{t('walls.displayMissing', { id: row.displayId })}</option>}
      {displays.map((d) => (
        <option key={d.id} value={String(d.id)}>
          {t(d.primary ? 'walls.displayPrimary' : 'walls.displayName', { id: d.id, width: d.bounds.width, height: d.bounds.height })}
        </option>
      ))}
    </select>
  );
}

/**
 * Headless mode has no monitors to pick: each wall is a browser window. The link never carries the
 * token; opened from here (rel="opener") the new window gets a copy of this tab's sessionStorage,
 * where the page keeps its token, so it connects without one in the address.
 */
function BrowserWindowLink({ index }: { index: number }) {
  const { t } = useTranslation();
  const href = wallUrl(location.origin, index);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(href);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="walls-link" data-testid="walls-link">
      <span>{t('walls.browserWindow', { index })}</span>
      <code data-testid="walls-link-url">{href}</code>
      <a href={href} target={`village-wall-${index}`} rel="opener" data-testid="walls-link-open">
        {t('walls.open')}
      </a>
      <button type="button" className="quiet" data-testid="walls-link-copy" onClick={() => void copy()}>
        {copied === true ? t('walls.copied') : t('walls.copy')}
      </button>
      {copied === false && <span className="form-hint">{t('walls.copyFailed')}</span>}
    </div>
  );
}

function DesktopOnlyNote() {
  const { t } = useTranslation();
  const info = useAppInfo();
  if (info?.mode !== 'headless') return null;
  return <p className="form-hint">{t('walls.desktopOnly')}</p>;
}

function Check({ testId, checked, label, onChange }: { testId: string; checked: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <label className="form-check">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
