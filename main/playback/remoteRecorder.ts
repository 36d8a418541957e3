/**
 * The client of another recorder's `/list` and `/get`: another console opened to the LAN, or a
 * MediaMTX playback server (one shape). The token goes in a header, never in a URL, so no log
 * line, error or audit record that names a URL can carry it. Every request has a deadline; a
 * remote that is down, slow, refuses the token or answers nonsense becomes a named problem that
 * the page words (`remote:<problem>`), with the technical detail (never the token) beside it.
 */
import { z } from 'zod';
import { REMOTE_PROBLEMS, type RemoteProblem } from '../../preload/api.js';
import { GAP_REASONS } from '../recording/segmentIndex.js';
import { parseInstant } from './getQuery.js';
import { ACTIVITY_VALUES, type ListDetail } from './listDetail.js';

export { REMOTE_PROBLEMS, type RemoteProblem };

export interface RemoteRecorder {
  kind: 'console' | 'mediamtx';
  /** Base URL without a trailing slash: `http://10.0.0.5:9996`. */
  base: string;
  /** The camera's path there: `cam1/main`, or MediaMTX's path name. */
  path: string;
  /** Unsealed; only ever put in the Authorization header. */
  token: string | null;
}

export type RemoteFailure = { ok: false; problem: RemoteProblem; detail: string };

/** Until the answer's headers arrive (a body then streams as long as it takes). */
export const REMOTE_TIMEOUT_MS = 8000;

/** `user:password` as Basic (MediaMTX's internal users), anything else as Bearer (a console's LAN token, a JWT). */
export function authorizationOf(token: string | null): Record<string, string> {
  if (!token) return {};
  return { authorization: token.includes(':') ? `Basic ${Buffer.from(token).toString('base64')}` : `Bearer ${token}` };
}

/** A recorded span as another recorder lists it, with our console's detail when it is one (listDetail.ts). */
export interface RemoteSpan {
  from: number;
  to: number;
  /** Why recording stopped at `to`; absent from MediaMTX (the gap's reason is then unknown). */
  endReason?: ListDetail['endReason'];
  /** Bytes per second from `start` (epoch ms), one value per `step` seconds. */
  activity?: { start: number; step: number; values: number[] };
}

/**
 * MediaMTX's /list answer: `[{start: RFC 3339, duration: s}]`. Ours is the same with `url`, and
 * our own optional detail, checked here as strictly as the rest: detail out of shape is dropped,
 * never trusted (the span stays).
 */
const ListAnswer = z.array(z.object({ start: z.string().max(64), duration: z.number().nonnegative().max(366 * 86_400) }).passthrough()).max(100_000);
const Detail = z.object({
  // A reason this console does not know (a newer console's) is not trusted, but does not cost the activity.
  endReason: z.string().max(32).optional(),
  activity: z.array(z.number().int().nonnegative().max(1e9)).max(ACTIVITY_VALUES).optional(),
  activityStep: z.number().int().min(1).max(86_400).optional(),
  activityStart: z.string().max(64).optional(),
});

/** A /list answer as recorded spans (epoch ms), oldest first; null when it is not one. */
export function spansFromList(body: unknown): RemoteSpan[] | null {
  const parsed = ListAnswer.safeParse(body);
  if (!parsed.success) return null;
  const spans: RemoteSpan[] = [];
  for (const entry of parsed.data) {
    const from = parseInstant(entry.start);
    if (from === null) return null;
    if (entry.duration <= 0) continue;
    const span: RemoteSpan = { from, to: from + Math.round(entry.duration * 1000) };
    const detail = Detail.safeParse(entry);
    if (detail.success) {
      const { endReason, activity, activityStep, activityStart } = detail.data;
      if (endReason && GAP_REASONS.has(endReason)) span.endReason = endReason as ListDetail['endReason'];
      const start = parseInstant(activityStart ?? null);
      if (activity && activityStep && start !== null) span.activity = { start, step: activityStep, values: activity };
    }
    spans.push(span);
  }
  return spans.sort((a, b) => a.from - b.from);
}

/** Why a fetch that did not answer failed, in our words; the detail names the cause, never the token. */
export function networkFailure(error: unknown, timeoutMs = REMOTE_TIMEOUT_MS): RemoteFailure {
  const name = (error as Error | null)?.name;
  if (name === 'TimeoutError') return { ok: false, problem: 'remote_timeout', detail: `no answer within ${timeoutMs / 1000} s` };
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return { ok: false, problem: 'remote_unreachable', detail: cause?.code ?? cause?.message ?? String((error as Error | null)?.message ?? error) };
}

/**
 * What another console's refusal code (its own rule, given after it took our token) means here:
 * the officer must read "that console has no household consent to share", not "wrong token".
 */
const CONSOLE_REFUSALS: Record<string, RemoteProblem> = {
  no_consent: 'remote_no_consent',
  consent_revoked: 'remote_no_consent',
  consent_expired: 'remote_consent_ended',
  consent_ended_before: 'remote_consent_ended',
  out_of_scope: 'remote_out_of_scope',
  no_scope: 'remote_out_of_scope',
};

/** An HTTP answer that is not what was asked for, in our words; `said` is the console's `{code}`, if any. */
export function statusFailure(status: number, said = ''): RemoteFailure {
  const detail = `HTTP ${status}${said ? ` ${said}` : ''}`;
  if (status === 403 && CONSOLE_REFUSALS[said]) return { ok: false, problem: CONSOLE_REFUSALS[said]!, detail };
  if (status === 401 || status === 403) return { ok: false, problem: 'remote_refused', detail };
  if (status === 404) return { ok: false, problem: 'remote_not_found', detail };
  if (status === 429) return { ok: false, problem: 'remote_refused', detail: 'HTTP 429: too many wrong tokens from this PC' };
  return { ok: false, problem: 'remote_bad_answer', detail };
}

/** The `{code}` a console's refusal carries (our recorder's words), or nothing. */
export async function saidCode(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { code?: unknown } | null;
  return typeof body?.code === 'string' && /^[a-z_]{1,40}$/.test(body.code) ? body.code : '';
}

function endpoint(remote: RemoteRecorder, name: 'list' | 'get', query: Record<string, string | undefined>): string {
  const params = new URLSearchParams({ path: remote.path });
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  return `${remote.base}/${name}?${params.toString()}`;
}

/** The remote's recorded spans of this path (within `range`, when given). */
export async function listRemote(remote: RemoteRecorder, range?: { from: number; to: number }): Promise<{ ok: true; spans: RemoteSpan[] } | RemoteFailure> {
  const query = range ? { start: new Date(range.from).toISOString(), end: new Date(range.to).toISOString() } : {};
  let response: Response;
  try {
    response = await fetch(endpoint(remote, 'list', query), { headers: authorizationOf(remote.token), signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), redirect: 'error' });
  } catch (error) {
    return networkFailure(error);
  }
  // MediaMTX answers 404 for a path with no recordings: that is "nothing recorded", not a failure.
  // A console lists a camera it has with nothing recorded as []: its 404 is a camera it does not have.
  if (response.status === 404 && remote.kind === 'mediamtx') return void (await response.body?.cancel().catch(() => undefined)), { ok: true, spans: [] };
  if (!response.ok) return statusFailure(response.status, await saidCode(response));
  const spans = spansFromList(await response.json().catch(() => null));
  if (!spans) return { ok: false, problem: 'remote_bad_answer', detail: 'the /list answer is not a list of {start, duration}' };
  return { ok: true, spans: range ? spans.filter((span) => span.to > range.from && span.from < range.to) : spans };
}

/**
 * Starts a /get; the caller streams `response.body` and aborts `signal` when its reader goes. The
 * deadline is for the answer's headers only: an hour of footage may take longer than that to read.
 */
export async function getRemote(
  remote: RemoteRecorder,
  query: { start: number; end: number; keyframesOnly: boolean; keyframeSpacingMs?: number; convert?: 'h264' | null },
  signal: AbortSignal,
  timeoutMs = REMOTE_TIMEOUT_MS,
): Promise<{ ok: true; response: Response } | RemoteFailure> {
  const params: Record<string, string> = { start: new Date(query.start).toISOString(), duration: String((query.end - query.start) / 1000), format: 'fmp4' };
  // Keyframes only (and their spacing) is our recorder's own parameter; MediaMTX would not know it.
  if (query.keyframesOnly && remote.kind === 'console') {
    params.keyframes = '1';
    if (query.keyframeSpacingMs) params.spacing = String(query.keyframeSpacingMs);
  }
  // So is convert=h264: another console converts its H.265 for this page; MediaMTX sends it as recorded.
  if (query.convert === 'h264' && remote.kind === 'console') params.convert = 'h264';
  const request = new AbortController();
  const timer = setTimeout(() => request.abort(new DOMException(`no answer within ${timeoutMs / 1000} s`, 'TimeoutError')), timeoutMs);
  const onReaderGone = () => request.abort(signal.reason);
  signal.addEventListener('abort', onReaderGone, { once: true });
  try {
    const response = await fetch(endpoint(remote, 'get', params), { headers: authorizationOf(remote.token), signal: request.signal, redirect: 'error' });
    return { ok: true, response };
  } catch (error) {
    signal.removeEventListener('abort', onReaderGone);
    return networkFailure(request.signal.reason ?? error, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
