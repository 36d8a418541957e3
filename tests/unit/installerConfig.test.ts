/**
 * Packaging cannot run here (electron-builder downloads Electron), so this checks what it would
 * read: electron-builder.yml's targets, fuses and asar rules, and every file it names — the icons
 * are opened and their sizes read from the bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asarUnpackedPath } from '../../main/engine/producer/ffmpegLocator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The sizes an .ico lists, each checked against the image it points at (PNG or DIB). */
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1); // 1 = icon
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    const size = bytes[entry] === 0 ? 256 : bytes[entry]!;
    const image = bytes.subarray(bytes.readUInt32LE(entry + 12), bytes.readUInt32LE(entry + 12) + bytes.readUInt32LE(entry + 8));
    const actual = image[0] === 0x89 ? pngSize(image).width : image.readInt32LE(4);
    expect(actual).toBe(size);
    return size;
  });
}

describe('electron-builder.yml', () => {
  it('names the app as package.json does', () => {
    expect(config.appId).toBe('cn.villagewall.console');
    expect(config.productName).toBe('村村通视频墙');
    expect(config.productName).toBe(pkg.productName);
    expect(config.extraMetadata.main).toBe(pkg.main);
  });

  it('builds NSIS and portable for Windows, AppImage and deb for Linux', () => {
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false); // an uninstall before an update keeps the settings
  });

  it('packs the build output and never the electron package', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!node_modules/electron/**']));
    expect(existsSync(join(ROOT, config.directories.buildResources))).toBe(true);
  });

  it('unpacks ffmpeg-static from app.asar, where the locator looks for it', () => {
    expect(config.asar).not.toBe(false);
    expect(pkg.optionalDependencies['ffmpeg-static'] ?? pkg.dependencies['ffmpeg-static']).toBeTruthy();
    const packed = '/opt/村村通视频墙/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    const inUnpacked = asarUnpackedPath(packed).split('app.asar.unpacked/')[1]!;
    const covered = (config.asarUnpack as string[]).some((glob) => glob.endsWith('/**') && inUnpacked.startsWith(glob.slice(0, -2)));
    expect(covered).toBe(true);
  });

  it('flips the fuses of a release build', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has a Windows icon with every size from 16 to 256', () => {
    const sizes = icoSizes(readFileSync(join(ROOT, config.win.icon)));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256]));
  });

  it('has a Linux icon set whose file names say their real sizes', () => {
    for (const size of LINUX_SIZES) {
      const file = join(ROOT, config.linux.icon, `${size}x${size}.png`);
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
  });
});
