/**
 * Nothing from outside may end the console. The built headless console runs as a child process,
 * exactly as `npm start` runs it, and each case below was seen to end it before. After each one
 * the process must be alive and still answer a page and an API call.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startConsole, type Console } from '../e2e/harness.js';
import WebSocket from 'ws';
import { consoleAnswers, OPCODE, rawExchange, rawUpgrade, statusLine, wsFrame } from '../fixtures/rawSocket.js';

let wall: Console;
let port: number;

// One console for all cases while it lives; a case that ended it gets its own failure, and the
// next case a new console.
beforeEach(async () => {
  if (wall && wall.process.exitCode === null && wall.process.signalCode === null) return;
  wall = await startConsole(['--no-demo']);
  port = Number(new URL(wall.origin).port);
});

afterAll(() => wall?.stop());

/** A fresh API socket answers `app.info`, and the page is still served. */
const answering = () => consoleAnswers(wall);

const get = (path: string) => rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
const apiPath = () => `/api?token=${wall.token}`;

describe('the headless console under hostile input', () => {
  it('answers 400 to a path with a malformed percent-escape, and keeps serving', async () => {
    expect(statusLine(await get('/%E0%A4%A'))).toMatch(/^HTTP\/1\.1 400 /);
    expect(statusLine(await get('/assets/%'))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await answering()).toBe(true);
  });

  it('answers a request for // and keeps serving', async () => {
    expect(statusLine(await get('//'))).toMatch(/^HTTP\/1\.1 (400|404) /);
    expect(statusLine(await get('//127.0.0.1:1/x'))).toMatch(/^HTTP\/1\.1 (400|404) /);
    expect(await answering()).toBe(true);
  });

  it('refuses a WebSocket upgrade to // and keeps serving', async () => {
    const upgrade = await rawUpgrade(port, `//?token=${wall.token}`, wall.origin);
    expect(upgrade.status).toBeGreaterThanOrEqual(400);
    upgrade.socket.destroy();
    expect(await answering()).toBe(true);
  });

  it('closes an API socket that sends a text frame of invalid UTF-8, and keeps serving', async () => {
    const upgrade = await rawUpgrade(port, apiPath(), wall.origin);
    expect(upgrade.status).toBe(101);
    upgrade.socket.write(wsFrame(OPCODE.text, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d])));
    await upgrade.closed;
    expect(await answering()).toBe(true);
  });

  it('closes an API socket that announces a frame over the size limit, and keeps serving', async () => {
    const upgrade = await rawUpgrade(port, apiPath(), wall.origin);
    expect(upgrade.status).toBe(101);
    upgrade.socket.write(wsFrame(OPCODE.text, 'x'.repeat(16), { announcedLength: 64 * 1024 * 1024 }));
    await upgrade.closed;
    expect(await answering()).toBe(true);
  });

  it('survives an invalid frame on a stream socket it refused', async () => {
    const upgrade = await rawUpgrade(port, `/stream/nosuchcamera/main?token=${wall.token}&ticket=forged`, wall.origin);
    expect(upgrade.status).toBe(101);
    upgrade.socket.write(wsFrame(OPCODE.text, Buffer.from([0xff, 0xfe])));
    upgrade.socket.write(wsFrame(OPCODE.binary, 'unmasked', { mask: false }));
    await upgrade.closed;
    expect(await answering()).toBe(true);
  });

  it('answers an API call of 0.8 MB in one frame with a clear refusal or a result, and keeps serving', async () => {
    const api = new WebSocket(`${wall.origin.replace('http', 'ws')}/api?token=${wall.token}`, { origin: wall.origin });
    api.on('error', () => {});
    const opened = await new Promise((resolve) => {
      api.once('open', () => resolve(true));
      api.once('close', () => resolve(false));
    });
    expect(opened).toBe(true);
    const closed = new Promise<number>((resolve) => api.once('close', (code) => resolve(code)));
    const base64 = Buffer.alloc(800 * 1024, 7).toString('base64');
    api.send(JSON.stringify({ id: 1, channel: 'import.preview', payload: { fileName: 'cams.xlsx', base64, townshipId: 'nowhere' } }));
    // Either answered (the frame fit) or closed with "message too big" (1009): never the process.
    const outcome = await Promise.race([closed, new Promise((resolve) => api.once('message', () => resolve('answered')))]);
    expect([1009, 'answered']).toContain(outcome);
    api.terminate();
    expect(await answering()).toBe(true);
  });
});
