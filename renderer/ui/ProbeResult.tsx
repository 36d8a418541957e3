import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeReport } from '../../preload/api';
import { reasonOf } from './reasons';
import { useProbeWords } from './useStateLabel';

const CODEC_NAMES: Record<string, string> = { h264: 'H.264', hevc: 'H.265', mjpeg: 'MJPEG', mpeg4: 'MPEG-4' };

/**
 * A connection test's answer in the words the tile and the tree use for the same reason
 * ("地址不可达（IP、端口或网络不通）"), the picture it found, and ffmpeg's words one click away.
 */
export function ProbeResult({ report, viaRelay = false }: { report: ProbeReport; viaRelay?: boolean }) {
  const { t } = useTranslation();
  const words = useProbeWords();
  const reason = reasonOf(report.outcome, viaRelay);
  const [open, setOpen] = useState(false);
  const ok = report.outcome === 'ok';
  const facts = [
    report.codec && report.width && report.height
      ? t('settings.probe.video', { codec: CODEC_NAMES[report.codec] ?? report.codec, width: report.width, height: report.height })
      : null,
    report.fps ? t('settings.probe.fps', { value: Math.round(report.fps * 10) / 10 }) : null,
    t('settings.probe.elapsed', { value: (report.elapsedMs / 1000).toFixed(1) }),
  ].filter(Boolean);
  return (
    <p className={ok ? 'form-ok' : 'form-error'} role="status" data-testid="probe-result" data-outcome={report.outcome} data-reason={reason ?? undefined}>
      {words(report.outcome, viaRelay)}
      {facts.length > 0 && <span className="probe-facts"> · {facts.join(' · ')}</span>}{' '}
      {report.detail && (
        <button type="button" className="link-button" onClick={() => setOpen((o) => !o)}>
          {open ? t('common.hideDetails') : t('common.details')}
        </button>
      )}
      {open && <pre className="failure-message">{report.detail}</pre>}
    </p>
  );
}
