import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeReport, Request } from '../../preload/api';
import { failureOf, type Failure } from '../state/failure';
import { useStores } from '../state/hooks';
import { ProbeResult } from './ProbeResult';

type Probe = ProbeReport | 'running' | null;

/**
 * 测试连接 for a camera form, the add form and the edit form alike: one short test of the address
 * typed (unsaved), its answer in the tile's words. `test` resolves to why main refused to test
 * (e.g. a malformed address), for the form's own error line.
 */
export function useConnectionTest(): { probe: Probe; test: (request: Request<'cameras.probe'>) => Promise<Failure | null> } {
  const { api } = useStores();
  const [probe, setProbe] = useState<Probe>(null);
  const test = async (request: Request<'cameras.probe'>) => {
    setProbe('running');
    const result = await api.invoke('cameras.probe', request);
    setProbe(result.ok ? result.value : null);
    return failureOf(result);
  };
  return { probe, test };
}

/** "正在测试…", or the test's answer. */
export function ConnectionTestResult({ probe }: { probe: Probe }) {
  const { t } = useTranslation();
  if (probe === 'running') return <p className="panel-note">{t('settings.probe.running')}</p>;
  return probe ? <ProbeResult report={probe} /> : null;
}

export function ConnectionTestButton({ probe, onClick }: { probe: Probe; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" data-testid="camera-probe" disabled={probe === 'running'} onClick={onClick}>
      {t('settings.probe.run')}
    </button>
  );
}
