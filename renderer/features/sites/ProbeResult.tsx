import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeReport } from '../../../preload/api';

const CODEC_NAMES: Record<string, string> = { h264: 'H.264', hevc: 'H.265', mjpeg: 'MJPEG', mpeg4: 'MPEG-4' };

/** A connection test's answer in words ("地址不可达"), the picture it found, and ffmpeg's words one click away. */
export function ProbeResult({ report }: { report: ProbeReport }) {
  const { t } = useTranslation();
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
    <p className={ok ? 'form-ok' : 'form-error'} role="status" data-testid="probe-result" data-outcome={report.outcome}>
      {t(`settings.probe.outcome.${report.outcome}`)}
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
