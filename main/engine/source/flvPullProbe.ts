/**
 * "Test connection" for a relay-flv camera: one short pull of the media server's FLV that says
 * whether it answers, and with what (codec, size, rate from the FLV metadata). The counterpart of
 * probe.ts, which runs ffmpeg for RTSP; same report, same outcomes. Bounded in time; the
 * connection is always closed.
 */
import type { ProbeOutcome, ProbeReport } from '../../../preload/api.js';
import { redact, type Credentials } from '../../domain/cameraUrl.js';
import { openFlvPull, type PullConnection } from '../producer/flvPull.js';
import { FlvInspector, type FlvVerdict } from '../container/flvInspector.js';

/** A relay sends header, metadata and a keyframe within a few hundred KB; past this it sends no video. */
const ENOUGH_BYTES = 2 * 1024 * 1024;

/**
 * `url` is the relay URL as the engine would open it (the token already in it where the site's
 * template puts it); `token` is only used to redact it from the report.
 */
export function probeFlvPull(url: string, token: string | null, timeoutMs = 10_000, credentials: Credentials = {}): Promise<ProbeReport> {
  const started = Date.now();
  const secrets = [token ?? '', credentials.password ?? ''];
  const inspector = new FlvInspector();
  let verdict: FlvVerdict = { kind: 'undecided' };
  let received = 0;
  return new Promise((resolve) => {
    let connection: PullConnection | null = null;
    let settled = false;
    const settle = (outcome: ProbeOutcome, detail: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      connection?.close();
      const info = verdict.kind === 'playable' ? verdict.info : null;
      resolve({
        outcome,
        codec: info?.codec ?? null,
        width: info?.width ?? null,
        height: info?.height ?? null,
        fps: info?.fps ?? null,
        elapsedMs: Date.now() - started,
        detail: detail === null ? null : redact(detail, secrets),
      });
    };
    const noVideo = 'the relay answers with FLV but sends no picture: is the camera published to it?';
    const timer = setTimeout(() => {
      if (inspector.headerSeen) settle('no_video', noVideo);
      else settle('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s from ${url}`);
    }, timeoutMs);
    connection = openFlvPull(
      url,
      credentials,
      {
        onData(chunk) {
          received += chunk.length;
          verdict = inspector.push(chunk);
          if (verdict.kind === 'refused') settle('unsupported_codec', verdict.detail);
          else if (verdict.kind === 'playable' && inspector.keyframeSeen) settle('ok', null);
          else if (received > ENOUGH_BYTES) settle('no_video', noVideo);
        },
        onEnd(end) {
          settle(end.failure ?? (inspector.headerSeen ? 'no_video' : 'failed'), end.detail);
        },
      },
      { connectTimeoutMs: Math.min(5000, timeoutMs) },
    );
  });
}
