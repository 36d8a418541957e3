/**
 * A bounded fuzz over everything the console's one port accepts: request lines, paths and escapes,
 * headers, bodies, WebSocket upgrades, and hand-built frames on the API and stream sockets. The
 * console is the built headless one in a child process. The cases come from a seeded generator, so
 * a failure can be replayed with its seed (FUZZ_SEED=…); the count and time are capped.
 *
 * It must find no way to end the process: after every batch the process is alive and answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../e2e/harness.js';
import { consoleAnswers, OPCODE, SURVIVED_CRASH, rawExchange, rawUpgrade, statusLine, wsFrame } from '../fixtures/rawSocket.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const BATCH = 40;
const TIME_CAP_MS = 40_000;

/** mulberry32: a small seeded generator, so every run sends the same cases. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}

let wall: Console;
let port: number;
beforeAll(async () => {
  wall = await startConsole(['--no-demo']);
  port = Number(new URL(wall.origin).port);
});
afterAll(() => wall?.stop());

const answering = () => consoleAnswers(wall);

describe('the console port under a bounded fuzz', () => {
  it(`ends no process in ${CASES} generated requests, upgrades and frames (seed ${SEED})`, async () => {
    const g = generator(SEED);
    const token = () => wall.token;
    const PATHS = [
      () => '//',
      () => '///etc/passwd',
      () => `/%${g.pick(['', 'E0%A4%A', 'zz', '0', 'C0%AF', 'FF', '%%'])}`,
      () => '/%00',
      () => `/..${g.pick(['/', '%2f', '%5c', '\\'])}..${g.pick(['/', '%2f'])}package.json`,
      () => `/${'a/'.repeat(g.int(4000))}`,
      () => `/assets/${encodeURIComponent('中文') + g.pick(['', '%', '%E4'])}`,
      () => `/api/call?token=${g.pick([token(), '', '%', 'x'.repeat(300)])}`,
      () => `/api?token=${g.pick([token(), '%', ''])}`,
      () => `/stream/${g.pick(['cam', '..', '%2e%2e', 'x'.repeat(80), ''])}/${g.pick(['main', 'sub', 'other'])}?token=${token()}&ticket=${g.pick(['', 'forged', '%'])}`,
      () => `/?token=${g.pick([token(), '%', '%%%', ''])}&wall=${g.pick(['1', '-1', '99999999999999999999', '%'])}`,
      () => g.pick(['*', 'http://127.0.0.1/', 'x', '?', '/\u0000', '/\u00ff']),
      () => `/${g.bytes(g.int(40)).toString('latin1').replace(/[\r\n ]/g, '_')}`,
    ];
    const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'G\u00e9T', ''];
    const HOSTS = () => g.pick([`127.0.0.1:${port}`, `localhost:${port}`, 'evil.example', '', `127.0.0.1:${port}\r\nHost: evil.example`]);
    const ORIGINS = () => g.pick([wall.origin, 'http://evil.example', 'null', '', `http://127.0.0.1:${port}`]);

    const httpCase = async () => {
      const path = g.pick(PATHS)();
      const method = g.pick(METHODS);
      const body = g.next() < 0.3 ? g.bytes(g.int(70_000)) : Buffer.alloc(0);
      const lengthHeader = g.pick([`Content-Length: ${body.length}\r\n`, `Content-Length: ${g.int(10_000_000)}\r\n`, 'Transfer-Encoding: chunked\r\n', 'Content-Length: -1\r\n', '']);
      const extra = g.pick(['', `X-Wall-Caller: ${'k'.repeat(g.int(200))}\r\n`, `Cookie: ${'c'.repeat(g.int(20_000))}\r\n`, 'Expect: 100-continue\r\n', 'Content-Type: application/json\r\n']);
      const head = `${method} ${path} HTTP/${g.pick(['1.1', '1.0', '2.0', '9'])}\r\nHost: ${HOSTS()}\r\nOrigin: ${ORIGINS()}\r\n${lengthHeader}${extra}Connection: close\r\n\r\n`;
      const raw = g.next() < 0.1 ? g.bytes(g.int(2000)) : Buffer.concat([Buffer.from(head, 'latin1'), body]);
      return statusLine(await rawExchange(port, raw, 800)).slice(9, 12) || 'closed';
    };

    const wsCase = async () => {
      const path = g.pick([`/api?token=${token()}`, `/stream/nocam/main?token=${token()}&ticket=forged`, `//?token=${token()}`, `/api`, `/%?token=${token()}`]);
      let upgrade;
      try {
        upgrade = await rawUpgrade(port, path, g.next() < 0.85 ? wall.origin : ORIGINS());
      } catch {
        return 'ws-closed';
      }
      if (upgrade.status !== 101) {
        upgrade.socket.destroy();
        return `ws-${upgrade.status}`;
      }
      for (let i = 0, n = 1 + g.int(4); i < n; i++) {
        const kind = g.int(10);
        const frame =
          kind === 0 ? wsFrame(OPCODE.text, g.bytes(g.int(64))) // invalid UTF-8, most likely
          : kind === 1 ? wsFrame(OPCODE.text, 'x', { announcedLength: 1 + g.int(2 ** 31) }) // a lie about the size
          : kind === 2 ? wsFrame(g.pick([3, 4, 5, 6, 7, 11, 15]), 'reserved opcode')
          : kind === 3 ? wsFrame(OPCODE.text, '{}', { rsv: 1 + g.int(7) })
          : kind === 4 ? wsFrame(OPCODE.binary, g.bytes(g.int(5000)), { mask: false })
          : kind === 5 ? wsFrame(OPCODE.close, Buffer.from([g.int(256), g.int(256), 0xff]))
          : kind === 6 ? wsFrame(OPCODE.ping, g.bytes(126 + g.int(10))) // control frame too long
          : kind === 7 ? wsFrame(OPCODE.text, '{"id":1', { fin: false })
          : kind === 8 ? wsFrame(OPCODE.text, JSON.stringify({ id: g.int(1e6), channel: g.pick(['cameras.add', 'wall.set', 'import.preview', 'presets.importPreview', 'access.unlock', 'nope', '__proto__']), payload: g.pick([null, [], { __proto__: { x: 1 } }, 'x'.repeat(g.int(100_000)), { mainUrl: 'file:///etc/passwd', name: 'x' }, JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200))]) }))
          : g.bytes(g.int(300));
        upgrade.socket.write(frame);
      }
      await Promise.race([upgrade.closed, new Promise((r) => setTimeout(r, 150))]);
      upgrade.socket.destroy();
      return 'ws';
    };

    const seen = new Map<string, number>();
    const started = Date.now();
    let ran = 0;
    while (ran < CASES && Date.now() - started < TIME_CAP_MS) {
      const batch = Array.from({ length: BATCH }, () => (g.next() < 0.6 ? httpCase : wsCase));
      for (const outcome of await Promise.all(batch.map((run) => run()))) seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      ran += BATCH;
      expect(wall.process.exitCode, `the console exited after ${ran} cases (seed ${SEED})`).toBeNull();
      expect(wall.process.signalCode).toBeNull();
      // The last-resort handler keeps the console up; a crash it caught is still a failure here.
      expect(SURVIVED_CRASH.exec(wall.output())?.[0] ?? null, `after ${ran} cases (seed ${SEED})`).toBeNull();
    }
    console.log(`fuzz seed ${SEED}: ${ran} cases in ${Date.now() - started} ms; outcomes ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
    expect(ran).toBeGreaterThanOrEqual(BATCH * 5);
    expect(await answering()).toBe(true);
  });
});
