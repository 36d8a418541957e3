/**
 * Finds ffmpeg, in this order: the console's setting, FFMPEG_PATH, the ffmpeg-static package
 * (optional: its download fails on machines without internet), then `ffmpeg` on PATH.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { execFile } from 'node:child_process';
import type { FfmpegInfo } from '../../../preload/api.js';

export interface LocatorInputs {
  setting?: string | null;
  env?: NodeJS.ProcessEnv;
  /** Path that ffmpeg-static reports, or null when the package (or its binary) is absent. */
  staticPath?: () => string | null;
  isExecutable?: (path: string) => boolean;
}

export type Located = { path: string; source: NonNullable<FfmpegInfo['source']> } | null;

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Inside a packaged app, ffmpeg-static resolves to a path in app.asar, which cannot be executed;
 * electron-builder's asarUnpack puts the real file beside it in app.asar.unpacked. Windows paths
 * use backslashes.
 */
export function asarUnpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** ffmpeg-static's binary, or null when the package (or its download) is absent. */
export function ffmpegStaticPath(): string | null {
  try {
    const path = createRequire(import.meta.url)('ffmpeg-static') as string | null;
    return path ? asarUnpackedPath(path) : null;
  } catch {
    return null;
  }
}

export function locateFfmpeg(inputs: LocatorInputs = {}): Located {
  const env = inputs.env ?? process.env;
  const isExecutable = inputs.isExecutable ?? isExecutableFile;
  const staticPath = inputs.staticPath ?? ffmpegStaticPath;
  const candidates: [string | null | undefined, NonNullable<FfmpegInfo['source']>][] = [
    [inputs.setting, 'setting'],
    [env.FFMPEG_PATH, 'env'],
  ];
  for (const [path, source] of candidates) if (path && isExecutable(path)) return { path, source };
  const fromPackage = staticPath();
  if (fromPackage && isExecutable(fromPackage)) return { path: fromPackage, source: 'ffmpeg-static' };
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const path = join(dir, name);
      if (isExecutable(path)) return { path, source: 'path' };
    }
  }
  return null;
}

/** Runs `ffmpeg -version` to confirm the binary works; null when it does not. */
export function ffmpegVersion(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(path, ['-version'], { timeout: 5000, windowsHide: true }, (error, stdout) => {
      if (error) return resolve(null);
      resolve(/ffmpeg version (\S+)/.exec(stdout)?.[1] ?? null);
    });
  });
}

export async function describeFfmpeg(inputs: LocatorInputs = {}): Promise<FfmpegInfo> {
  const located = locateFfmpeg(inputs);
  if (!located) return { ok: false, path: null, source: null, version: null };
  const version = await ffmpegVersion(located.path);
  return { ok: version !== null, path: located.path, source: located.source, version };
}
