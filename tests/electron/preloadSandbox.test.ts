/**
 * The built preload, loaded the way Electron loads it into a window with `sandbox: true`: a
 * context of its own whose `require` knows only the few modules a sandboxed preload may have.
 * Anything else it asks for fails as it would in the app, and `window.wallBridge` is never set.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, PUSH_CHANNEL, PUSH_EVENTS, type WallBridge } from '../../preload/api.js';
import { CALLS } from '../../main/contract/requests.js';
import { builtFile } from '../fixtures/builtOutput.js';

/** What Electron's sandbox lets a preload `require` (electron/lib/sandboxed_renderer). */
const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'];

interface Loaded {
  required: string[];
  exposed: Map<string, unknown>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
  error: unknown;
}

function loadPreload(): Loaded {
  const loaded: Loaded = { required: [], exposed: new Map(), invoked: [], listeners: new Map(), error: null };
  const ipcRenderer = {
    invoke: (channel: string, payload: unknown) => {
      loaded.invoked.push({ channel, payload });
      return Promise.resolve({ ok: true, value: channel });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!loaded.listeners.has(channel)) loaded.listeners.set(channel, new Set());
      loaded.listeners.get(channel)!.add(listener);
    },
    off: (channel: string, listener: (...args: unknown[]) => void) => loaded.listeners.get(channel)?.delete(listener),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => loaded.exposed.set(key, api) },
    ipcRenderer,
  };
  const sandboxRequire = (name: string) => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    if (SANDBOX_MODULES.includes(name)) return {};
    throw new Error(`module not found: ${name}`);
  };
  const source = readFileSync(builtFile('preload/index.cjs'), 'utf8');
  const module = { exports: {} };
  const wrapped = `(function (exports, require, module, process, Buffer, global) {${source}\n})`;
  try {
    const run = runInNewContext(wrapped, {}, { filename: 'preload/index.cjs' }) as (...args: unknown[]) => void;
    run(module.exports, sandboxRequire, module, { platform: process.platform, env: {} }, undefined, {});
  } catch (error) {
    loaded.error = error;
  }
  return loaded;
}

describe('the built preload in a sandboxed window', () => {
  it('requires nothing a sandboxed preload cannot have, and loads', () => {
    const loaded = loadPreload();
    expect(loaded.required.filter((name) => !SANDBOX_MODULES.includes(name))).toEqual([]);
    expect(loaded.error).toBeNull();
  });

  it('exposes window.wallBridge with one function per call, each reaching ipcRenderer.invoke on its channel', async () => {
    const loaded = loadPreload();
    expect([...loaded.exposed.keys()]).toEqual(['wallBridge']);
    const bridge = loaded.exposed.get('wallBridge') as WallBridge;
    expect(Object.keys(bridge.call).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(CALLS).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) {
      const payload = { probe: channel };
      const call = bridge.call[channel] as (payload: unknown) => Promise<unknown>;
      await expect(call(payload)).resolves.toEqual({ ok: true, value: channel });
      expect(loaded.invoked.at(-1)).toEqual({ channel, payload });
    }
    expect(loaded.invoked).toHaveLength(CHANNELS.length);
  });

  it('hands the page only the push events it subscribed to, and stops when told', () => {
    const loaded = loadPreload();
    const bridge = loaded.exposed.get('wallBridge') as WallBridge;
    const seen: unknown[] = [];
    const stop = bridge.on('cameras.changed', (payload) => seen.push(payload));
    const [listener] = [...(loaded.listeners.get(PUSH_CHANNEL) ?? [])];
    expect(listener).toBeTypeOf('function');
    listener!({}, { event: 'presets.changed', payload: 1 });
    listener!({}, { event: 'cameras.changed', payload: 2 });
    expect(seen).toEqual([2]);
    stop();
    expect(loaded.listeners.get(PUSH_CHANNEL)?.size).toBe(0);
    expect(PUSH_EVENTS).toContain('cameras.changed');
    expect(() => bridge.on('no.such.event' as never, () => {})).toThrow(/unknown event/);
  });
});
