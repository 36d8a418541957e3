/**
 * The live clock camera (clock_camera.py): an RTSP camera on 127.0.0.1 whose frames carry the
 * wall-clock time. The Python server exits when its stdin closes, so a crashed bench leaves
 * nothing behind.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3'; // Debian's: the one python3-gi is installed for
const SCRIPT = fileURLToPath(new URL('./clock_camera.py', import.meta.url));
const READY_MS = 15_000;
const COMMAND_MS = 5_000;
const EXIT_MS = 5_000;

export interface ClockCamera {
  url: string;
  pid: number;
  freeze(): Promise<void>;
  unfreeze(): Promise<void>;
  /** The picture stops moving (the stamp goes on): quiet, for a camera started with `vbr`. */
  still(): Promise<void>;
  move(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `vbr`: bits by need, so a still picture is quiet in the recorder's activity (the benches use a
 * steady rate). `h265`: an H.265 camera (steady rate; not with `vbr`).
 */
export async function startClockCamera(fps = 15, options: { vbr?: boolean; h265?: boolean } = {}): Promise<ClockCamera> {
  const flags = [...(options.vbr ? ['--vbr'] : []), ...(options.h265 ? ['--h265'] : [])];
  const child = spawn(PYTHON, [SCRIPT, '--fps', String(fps), ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const waiters = new Map<number, (ok: boolean) => void>();
  let onReady: (port: number) => void = () => undefined;
  createInterface({ input: child.stdout }).on('line', (line) => {
    let msg: { ready?: boolean; port?: number; id?: number; ok?: boolean };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.ready && msg.port) onReady(msg.port);
    else if (msg.id !== undefined) waiters.get(msg.id)?.(msg.ok === true);
  });

  const close = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_MS);
    await exited;
    clearTimeout(timer);
  };

  let timer: NodeJS.Timeout | undefined;
  const port = await Promise.race([
    new Promise<number>((resolve) => (onReady = resolve)),
    exited.then(() => 0),
    new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), READY_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!port) {
    await close();
    throw new Error(`clock camera did not start: ${stderr.trim()}`);
  }

  let nextId = 1;
  const command = (cmd: 'freeze' | 'unfreeze' | 'still' | 'move') =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      const t = setTimeout(() => reject(new Error(`clock camera: no reply to ${cmd}`)), COMMAND_MS);
      waiters.set(id, (ok) => {
        clearTimeout(t);
        waiters.delete(id);
        if (ok) resolve();
        else reject(new Error(`clock camera refused ${cmd}`));
      });
      child.stdin.write(`${JSON.stringify({ id, cmd })}\n`);
    });

  return {
    url: `rtsp://127.0.0.1:${port}/clock`,
    pid: child.pid ?? -1,
    freeze: () => command('freeze'),
    unfreeze: () => command('unfreeze'),
    still: () => command('still'),
    move: () => command('move'),
    close,
  };
}
