/**
 * Counts of what a page's players do in a window, to say where a window's CPU goes: chunks given
 * to VideoDecoders (keyframes and the rest, and their bytes), and the bytes of recorded footage
 * (`/playback/get`) the page read. Both are wrappers installed before the page's scripts: a call
 * and a pass-through stream, far below what they count.
 */
import type { Page } from 'playwright-core';

export interface DecodeCounts {
  key: number;
  delta: number;
  keyBytes: number;
  deltaBytes: number;
  /** Bytes of `/playback/get` answers read by the page. */
  fetched: number;
}

/** A moment in the page (epoch ms): a call sent, a `/get` asked, answered, its first bytes, a decoder's first picture. */
export interface Mark {
  name: string;
  at: number;
}

declare global {
  interface Window {
    __vwDecodes?: DecodeCounts;
    __vwMarks?: Mark[];
  }
}

/** Runs in the page before its scripts: VideoDecoder.decode counts what it is given. */
function install(): void {
  const counts: DecodeCounts = { key: 0, delta: 0, keyBytes: 0, deltaBytes: 0, fetched: 0 };
  window.__vwDecodes = counts;
  const marks: Mark[] = [];
  window.__vwMarks = marks;
  const mark = (name: string) => marks.length < 5000 && marks.push({ name, at: performance.timeOrigin + performance.now() });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (typeof data === 'string') for (const call of ['playback.open', 'recording.get']) if (data.includes(`"${call}"`)) mark(`send ${call}`);
    return send.call(this, data);
  };
  const fetch = window.fetch;
  window.fetch = async function (input: RequestInfo | URL, init?: RequestInit) {
    const ours = String(input instanceof Request ? input.url : input).includes('/playback/get');
    if (ours) mark('get asked');
    const response = await fetch(input, init);
    if (!ours || !response.body) return response;
    mark('get answered');
    let first = true;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (first) (first = false), mark('get first bytes');
          counts.fetched += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  const decode = VideoDecoder.prototype.decode;
  VideoDecoder.prototype.decode = function (this: VideoDecoder, chunk: EncodedVideoChunk) {
    if (chunk.type === 'key') (counts.key++, (counts.keyBytes += chunk.byteLength));
    else (counts.delta++, (counts.deltaBytes += chunk.byteLength));
    return decode.call(this, chunk);
  };
  // A decoder's first picture after each configure (a seek resets and configures again).
  const Decoder = VideoDecoder;
  const pending = new WeakMap<VideoDecoder, boolean>();
  const configure = Decoder.prototype.configure;
  Decoder.prototype.configure = function (this: VideoDecoder, config: VideoDecoderConfig) {
    pending.set(this, true);
    return configure.call(this, config);
  };
  window.VideoDecoder = class extends Decoder {
    constructor(init: VideoDecoderInit) {
      let self: VideoDecoder | null = null;
      super({
        ...init,
        output: (frame) => {
          if (self && pending.get(self)) (pending.set(self, false), mark('decoded first'));
          init.output(frame);
        },
      });
      self = this;
    }
  };
}

export async function installDecodeCounts(page: Page): Promise<void> {
  await page.addInitScript({ content: `typeof VideoDecoder === 'function' && (${install.toString()})();` });
}

/** The marks since `since` (epoch ms), oldest first. */
export function marksSince(page: Page, since: number): Promise<Mark[]> {
  return page.evaluate((from) => (window.__vwMarks ?? []).filter((m) => m.at >= from), since);
}

/** The counts so far, and zeroes them. */
export function takeDecodeCounts(page: Page): Promise<DecodeCounts> {
  return page.evaluate(() => {
    const c = window.__vwDecodes;
    if (!c) return { key: 0, delta: 0, keyBytes: 0, deltaBytes: 0, fetched: 0 };
    const copy = { ...c };
    Object.assign(c, { key: 0, delta: 0, keyBytes: 0, deltaBytes: 0, fetched: 0 });
    return copy;
  });
}


/** Chromium's own accounting of the page's main thread (CDP Performance.getMetrics), in ms or counts. */
const MAIN_THREAD = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'LayoutCount', 'RecalcStyleCount'] as const;

/**
 * Starts reading the page main thread's time by kind; `stop()` gives each kind's ms per second
 * (counts per second for the counts) over the window.
 */
export async function startMainThreadMetrics(page: Page): Promise<{ stop(): Promise<string> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return new Map(metrics.map((m) => [m.name, m.value]));
  };
  const before = await read();
  const started = Date.now();
  return {
    async stop() {
      const after = await read();
      const seconds = (Date.now() - started) / 1000;
      await cdp.detach().catch(() => undefined);
      return MAIN_THREAD.map((name) => {
        const delta = (after.get(name) ?? 0) - (before.get(name) ?? 0);
        // Durations are in seconds: as ms per second, i.e. tenths of a percent of a core.
        return name.endsWith('Count') ? `${name} ${(delta / seconds).toFixed(0)}/s` : `${name.replace('Duration', '')} ${((delta * 1000) / seconds / 10).toFixed(1)} %`;
      }).join(', ');
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * A JS CPU profile of the page's main thread (CDP Profiler) while `run` runs: the functions that
 * took the most self time, "name file:line ms". For finding where script time goes; it costs CPU
 * itself, so it runs only when asked (PLAYBACK_PROFILE=1), never in the figures' windows.
 */
export async function profileDuring(page: Page, run: () => Promise<void>, top = 25): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  let profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  try {
    await run();
  } finally {
    ({ profile } = (await cdp.send('Profiler.stop')) as { profile: typeof profile });
    await cdp.detach().catch(() => undefined);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split('/').pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, ms]) => `${key} ${ms.toFixed(0)} ms`);
}
