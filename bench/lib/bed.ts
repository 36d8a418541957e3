/**
 * A bench's test bed: looping fixture cameras, optionally the live clock camera, the built
 * headless console with those cameras added, and Chromium. `close()` stops everything that was
 * started, in reverse order, even after a failure half-way through `openBed`.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, startConsole, type Console } from '../../tests/e2e/harness.js';
import { MAIN_STREAM } from '../../tests/fixtures/media.js';
import { startRtspFixture, type RtspFixture } from '../../tests/fixtures/rtspFixture.js';
import { startClockCamera, type ClockCamera } from './clockCamera.js';

export interface BedOptions {
  /** Looping pre-encoded fixture cameras, named loop01…; each becomes a console camera of that name. */
  loops: number;
  /** Extra console cameras on the same fixture mounts: `aliases` names per loop, e.g. ['b'] → loop01-b. */
  aliases?: string[];
  clock?: boolean;
  /** Looping cameras at a main stream's size (1280×720 at 25 fps), named heavy01…, main stream only. */
  heavyLoops?: number;
}

export interface Bed {
  fixture: RtspFixture;
  clock: ClockCamera | null;
  console: Console;
  browser: Browser;
  /** Console camera id by name ('clock', 'loop01', 'loop01-b', …). */
  ids: Map<string, string>;
  id(name: string): string;
  close(): Promise<void>;
}

export const loopName = (i: number) => `loop${String(i + 1).padStart(2, '0')}`;
export const heavyName = (i: number) => `heavy${String(i + 1).padStart(2, '0')}`;

export async function openBed(opts: BedOptions): Promise<Bed> {
  const undo: (() => Promise<unknown>)[] = [];
  const close = async () => {
    const errors: unknown[] = [];
    for (const step of undo.reverse()) await step().catch((e: unknown) => errors.push(e));
    undo.length = 0;
    if (errors.length) console.warn('bench: cleanup problems:', ...errors);
  };
  try {
    const names = Array.from({ length: Math.max(opts.loops, 1) }, (_, i) => loopName(i));
    const heavy = Array.from({ length: opts.heavyLoops ?? 0 }, (_, i) => heavyName(i));
    const fixture = await startRtspFixture([...names.map((name) => ({ name })), ...heavy.map((name) => ({ name, size: MAIN_STREAM }))]);
    undo.push(() => fixture.close());
    const clock = opts.clock ? await startClockCamera() : null;
    if (clock) undo.push(() => clock.close());
    const wall = await startConsole(['--no-demo']);
    undo.push(() => wall.stop());
    const ids = new Map<string, string>();
    const add = async (name: string, mainUrl: string) => {
      const result = await wall.call('cameras.add', { name, mainUrl });
      if (!result.ok) throw new Error(`cameras.add ${name}: ${result.message}`);
      ids.set(name, result.value.id);
    };
    if (clock) await add('clock', clock.url);
    for (const name of names.slice(0, opts.loops)) {
      await add(name, fixture.url(name));
      for (const alias of opts.aliases ?? []) await add(`${name}-${alias}`, fixture.url(name));
    }
    for (const name of heavy) await add(name, fixture.url(name));
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    return {
      fixture,
      clock,
      console: wall,
      browser,
      ids,
      id(name) {
        const id = ids.get(name);
        if (!id) throw new Error(`bench: no camera ${name}`);
        return id;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Adds a console camera on an existing fixture mount (a fresh camera has no session yet). */
export async function addAlias(bed: Bed, name: string, mount: string): Promise<string> {
  const result = await bed.console.call('cameras.add', { name, mainUrl: bed.fixture.url(mount) });
  if (!result.ok) throw new Error(`cameras.add ${name}: ${result.message}`);
  bed.ids.set(name, result.value.id);
  return result.value.id;
}
