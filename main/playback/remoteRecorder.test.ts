import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { authorizationOf, getRemote, networkFailure, spansFromList, statusFailure } from './remoteRecorder.js';

// MediaMTX's playback server's /list answer as its documentation shows it (README, "Playback
// recorded streams": start RFC 3339, duration in seconds, url), with real times in a +08:00 zone.
const mediamtx = JSON.parse(readFileSync(new URL('../../tests/fixtures/mediamtxList.json', import.meta.url), 'utf8'));

describe('spansFromList', () => {
  it('maps MediaMTX’s /list timespans to recorded spans in epoch ms, keeping sub-second starts', () => {
    expect(spansFromList(mediamtx)).toEqual([
      { from: Date.parse('2026-12-02T14:00:00.512Z'), to: Date.parse('2026-12-02T14:01:00.512Z') },
      { from: Date.parse('2026-12-02T14:03:00Z'), to: Date.parse('2026-12-02T14:03:32.330Z') },
    ]);
  });

  it('sorts spans, skips empty ones, and refuses what is not a list of timespans', () => {
    expect(spansFromList([{ start: '2026-12-02T14:05:00Z', duration: 1 }, { start: '2026-12-02T14:00:00Z', duration: 0 }, { start: '2026-12-02T14:01:00Z', duration: 2 }])).toEqual([
      { from: Date.parse('2026-12-02T14:01:00Z'), to: Date.parse('2026-12-02T14:01:02Z') },
      { from: Date.parse('2026-12-02T14:05:00Z'), to: Date.parse('2026-12-02T14:05:01Z') },
    ]);
    expect(spansFromList({ error: 'nope' })).toBeNull();
    expect(spansFromList([{ start: 'yesterday', duration: 5 }])).toBeNull();
    expect(spansFromList([{ start: '2026-12-02T14:00:00', duration: 5 }])).toBeNull(); // no zone: no instant
    expect(spansFromList([{ start: '2026-12-02T14:00:00Z', duration: -5 }])).toBeNull();
  });
});

describe('our console’s /list detail, which MediaMTX lacks', () => {
  it('reads why a span ended and its activity; drops detail out of shape but keeps the span', () => {
    const start = '2026-12-02T14:00:00.000Z';
    const [span] = spansFromList([{ start, duration: 3, endReason: 'offline', activity: [1, 2, 3], activityStep: 1, activityStart: start }])!;
    expect(span).toEqual({ from: Date.parse(start), to: Date.parse(start) + 3000, endReason: 'offline', activity: { start: Date.parse(start), step: 1, values: [1, 2, 3] } });
    expect(spansFromList([{ start, duration: 3, endReason: 'burglar', activity: [-1] }])).toEqual([{ from: Date.parse(start), to: Date.parse(start) + 3000 }]);
  });

  it('reads the output switch as a reason, and keeps the activity of a span whose reason only a newer console knows', () => {
    const start = '2026-12-02T14:00:00.000Z';
    const detail = { activity: [1, 2, 3], activityStep: 1, activityStart: start };
    const activity = { start: Date.parse(start), step: 1, values: [1, 2, 3] };
    expect(spansFromList([{ start, duration: 3, endReason: 'output_switched', ...detail }])![0]).toMatchObject({ endReason: 'output_switched', activity });
    const [newer] = spansFromList([{ start, duration: 3, endReason: 'a_newer_reason', ...detail }])!;
    expect(newer).toEqual({ from: Date.parse(start), to: Date.parse(start) + 3000, activity });
  });
});

describe('the remote’s failures in our words', () => {
  it('names refusals, missing paths and other answers', () => {
    expect(statusFailure(401).problem).toBe('remote_refused');
    expect(statusFailure(403).problem).toBe('remote_refused');
    expect(statusFailure(401, 'forbidden').problem).toBe('remote_refused');
    expect(statusFailure(429).problem).toBe('remote_refused');
    expect(statusFailure(404).problem).toBe('remote_not_found');
    expect(statusFailure(500).problem).toBe('remote_bad_answer');
  });

  it('words another console’s own refusals past the token in its rule’s words, not as a token refused', () => {
    expect(statusFailure(403, 'no_consent')).toEqual({ ok: false, problem: 'remote_no_consent', detail: 'HTTP 403 no_consent' });
    expect(statusFailure(403, 'consent_revoked').problem).toBe('remote_no_consent');
    expect(statusFailure(403, 'consent_ended_before').problem).toBe('remote_consent_ended');
    expect(statusFailure(403, 'out_of_scope').problem).toBe('remote_out_of_scope');
  });

  it('tells a timeout from a server that is not there', () => {
    expect(networkFailure(new DOMException('timed out', 'TimeoutError')).problem).toBe('remote_timeout');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(networkFailure(refused)).toEqual({ ok: false, problem: 'remote_unreachable', detail: 'ECONNREFUSED' });
  });
});

describe('authorizationOf', () => {
  it('sends a console’s token or a JWT as Bearer, and MediaMTX’s user:password as Basic', () => {
    expect(authorizationOf('abc_DEF-123')).toEqual({ authorization: 'Bearer abc_DEF-123' });
    expect(authorizationOf('viewer:s3cret')).toEqual({ authorization: `Basic ${Buffer.from('viewer:s3cret').toString('base64')}` });
    expect(authorizationOf(null)).toEqual({});
  });
});

describe('getRemote’s deadline', () => {
  const serve = async (handler: RequestListener) => {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const query = { start: Date.parse('2026-12-02T14:00:00Z'), end: Date.parse('2026-12-02T14:01:00Z'), keyframesOnly: false };

  it('is for the answer’s headers only: a body that takes longer is read whole', { timeout: 20_000 }, async () => {
    const { server, base } = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4' });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(Buffer.alloc(1000, sent));
        if (++sent === 16) clearInterval(timer), response.end();
      }, 250);
    });
    try {
      // A deadline generous for a loaded machine's first answer, and a body that takes twice as long.
      const answer = await getRemote({ kind: 'console', base, path: 'cam/main', token: 't' }, query, new AbortController().signal, 2000);
      expect(answer.ok).toBe(true);
      if (answer.ok) expect((await answer.response.arrayBuffer()).byteLength).toBe(16_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('says a remote that never answers timed out', async () => {
    const { server, base } = await serve(() => {}); // takes the request, never answers
    try {
      const answer = await getRemote({ kind: 'console', base, path: 'cam/main', token: 't' }, query, new AbortController().signal, 1000);
      expect(answer).toMatchObject({ ok: false, problem: 'remote_timeout' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('getRemote’s query', () => {
  it('asks another console for H.264 of H.265 footage (convert=h264), and MediaMTX, which has no such parameter, never', async () => {
    const asked: URLSearchParams[] = [];
    const server = createServer((request, response) => {
      asked.push(new URL(request.url!, 'http://x').searchParams);
      response.writeHead(200, { 'content-type': 'video/mp4' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const query = { start: Date.parse('2026-12-02T14:00:00Z'), end: Date.parse('2026-12-02T14:01:00Z'), keyframesOnly: false, convert: 'h264' as const };
    try {
      for (const kind of ['console', 'mediamtx'] as const) {
        const answer = await getRemote({ kind, base, path: 'cam/main', token: 't' }, query, new AbortController().signal);
        if (answer.ok) await answer.response.arrayBuffer();
      }
      expect(asked.map((params) => params.get('convert'))).toEqual(['h264', null]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
