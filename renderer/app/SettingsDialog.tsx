import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportPanel } from '../features/import/ImportPanel';
import { PresetFiles } from '../features/import/PresetFiles';
import { WallsPanel } from '../features/walls/WallsPanel';
import { OperatorsPanel } from '../features/access/OperatorsPanel';
import { RecordingPanel } from '../features/recording/RecordingPanel';
import { RecorderLanSection } from '../features/recording/RecorderLanSection';
import { AreaCrashed } from './AreaCrashed';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { SETTINGS_TABS, type SettingsRequest, type SettingsTab } from '../features/sites/settingsRequest';
import { SitesManager } from '../features/sites/SitesManager';
import '../features/sites/settings.css';

/** A modal over the wall (the wall keeps playing behind it); Esc or "Close" returns to it. */
export function SettingsDialog({ request, onClose }: { request: SettingsRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [tab, setTab] = useState<SettingsTab>(request.tab);

  useEffect(() => setTab(request.tab), [request]);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      data-testid="settings-dialog"
      aria-labelledby="settings-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="settings-header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <div className="side-tabs" role="tablist">
          {SETTINGS_TABS.map((name) => (
            <button key={name} type="button" role="tab" data-testid={`settings-tab-${name}`} aria-selected={tab === name} onClick={() => setTab(name)}>
              {name === 'walls' ? t('walls.tab') : t(`settings.tabs.${name}`)}
            </button>
          ))}
        </div>
        <button type="button" className="quiet" data-testid="settings-close" onClick={onClose}>
          {t('settings.close')}
        </button>
      </header>
      <div className="settings-body" role="tabpanel">
        <ErrorBoundary key={tab} fallback={(retry) => <AreaCrashed retry={retry} />}>
          {tab === 'sites' && <SitesManager cameraId={request.cameraId ?? null} />}
          {tab === 'people' && <OperatorsPanel />}
          {tab === 'import' && <ImportPanel />}
          {tab === 'presetFiles' && <PresetFiles />}
          {tab === 'walls' && <WallsPanel />}
          {tab === 'recording' && (
            <>
              <RecordingPanel />
              <RecorderLanSection />
            </>
          )}
        </ErrorBoundary>
      </div>
    </dialog>
  );
}
