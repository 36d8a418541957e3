/**
 * Headless console: the same main-side services as the desktop app, without Electron. The API is
 * served over a WebSocket and the built renderer over HTTP, both on 127.0.0.1 with a per-launch
 * token. Used by the end-to-end tests, and by kiosks or a second screen on the same machine.
 *
 *   node out/main/headless.js [--data-dir DIR] [--port N] [--no-demo]
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApiRoutes } from './apiRoute.js';
import { installLastResort } from './lastResort.js';
import { emptyData } from './domain/model.js';
import { startServices, type Services, type ServicesOptions } from './services.js';
import { staticFiles } from './staticFiles.js';
import { keyFileSecretBox } from './store/secretBox.js';

export interface HeadlessOptions extends Partial<Omit<ServicesOptions, 'mode' | 'secretBox'>> {
  dataDir: string;
  rendererDir?: string;
  demo?: boolean;
}

export interface Headless extends Services {
  /** The address to open in a browser, token included. */
  url: string;
}

export function defaultDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'village-wall');
}

function findRendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '../renderer'), join(here, '../out/renderer'), join(here, '../../out/renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return resolve(candidate);
  }
  return null;
}

export async function startHeadless(options: HeadlessOptions): Promise<Headless> {
  const services = await startServices({
    ...options,
    mode: 'headless',
    secretBox: keyFileSecretBox(join(options.dataDir, 'secret.key')),
    ...(options.demo === false ? { seed: emptyData } : {}),
  });
  const api = createApiRoutes(services, services.server);
  services.server.addUpgradeRoute(api.route);
  services.server.addHttpHandler(api.http);
  const rendererDir = options.rendererDir ?? findRendererDir();
  if (rendererDir) services.server.addHttpHandler(staticFiles(rendererDir));
  else services.log.warn('renderer build not found: run `npm run build` first');
  return { ...services, url: `${services.server.origin}/?token=${services.server.token}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
    },
  });
  const headless = await startHeadless({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    ...(values.port ? { port: Number(values.port) } : {}),
    demo: !values['no-demo'],
  });
  installLastResort(headless.log);
  process.stdout.write(`\nVillage Wall (headless) is running. Open this address in Chromium or Chrome:\n\n  ${headless.url}\n\n`);
  if (!headless.ffmpeg.ok) process.stdout.write('ffmpeg was not found: install ffmpeg (apt-get install ffmpeg) or set FFMPEG_PATH.\n');
  const stop = () => {
    void headless.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`Village Wall could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
