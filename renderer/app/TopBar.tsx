import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessControls } from '../features/access/AccessControls';
import { AuditButton } from '../features/audit/AuditButton';
import { EvidenceButton } from '../features/evidence/EvidenceButton';
import { RecordingsOffWall } from '../features/evidence/RecordingsOffWall';
import { SettingsButton } from './SettingsButton';
import { LayoutPicker } from '../features/wall/LayoutPicker';
import { PlaybackButton } from '../features/playback';
import { useAppInfo, useStores } from '../state/hooks';
import { toggleWallFullscreen } from '../ui/fullscreen';
import { LanguageToggle } from './LanguageToggle';

export function TopBar() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const { keyHelp } = useStores();
  return (
    <header className="top-bar">
      <h1 className="app-title" title={info ? `v${info.version} · ${info.mode}` : undefined}>
        {t('app.title')}
      </h1>
      <LayoutPicker />
      <PlaybackButton />
      <RecordingsOffWall />
      <FullscreenButton />
      <button type="button" data-testid="keys-button" title="?" onClick={() => keyHelp.set(!keyHelp.get())}>
        {t('keys.open')}
      </button>
      <AuditButton />
      <EvidenceButton />
      <SettingsButton />
      <AccessControls />
      <LanguageToggle />
    </header>
  );
}

function FullscreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return (
    <button type="button" data-testid="fullscreen-button" aria-pressed={full} title="F11" onClick={toggleWallFullscreen}>
      {full ? t('wall.exitFullscreen') : t('wall.fullscreen')}
    </button>
  );
}
