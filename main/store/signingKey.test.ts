/** The console's signing key: made once, sealed at rest, the same key every start, never replaced. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../lib/logger.js';
import { keyFileSecretBox } from './secretBox.js';
import { consoleSigningKey, openSigningKey, shortFingerprint } from './signingKey.js';

const folder = () => mkdtempSync(join(tmpdir(), 'vw-signing-'));

describe('the console signing key', () => {
  it('is made once, sealed in an owner-only file, and is the same key at the next start', () => {
    const dir = folder();
    const box = keyFileSecretBox(join(dir, 'secret.key'));
    const first = openSigningKey(join(dir, 'signing.key'), box);
    const stored = readFileSync(join(dir, 'signing.key'), 'utf8');
    expect(stored).toMatch(/^gcm1:/);
    expect(stored).not.toContain('PRIVATE KEY');
    expect(statSync(join(dir, 'signing.key')).mode & 0o777).toBe(0o600);
    const again = openSigningKey(join(dir, 'signing.key'), keyFileSecretBox(join(dir, 'secret.key')));
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.verify('text', first.sign('text'))).toBe(true);
  });

  it('signs text that verifies only unchanged, and only with its own key', () => {
    const one = openSigningKey(join(folder(), 'signing.key'), keyFileSecretBox(join(folder(), 'k')));
    const other = openSigningKey(join(folder(), 'signing.key'), keyFileSecretBox(join(folder(), 'k')));
    const signature = one.sign('理由：盗窃案');
    expect(one.verify('理由：盗窃案', signature)).toBe(true);
    expect(one.verify('理由：盗窃案 ', signature)).toBe(false);
    expect(other.verify('理由：盗窃案', signature)).toBe(false);
    expect(one.verify('理由：盗窃案', 'not base64 at all')).toBe(false);
    expect(other.fingerprint).not.toBe(one.fingerprint);
    expect(one.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('shows a fingerprint short enough to read aloud', () => {
    expect(shortFingerprint('3f2a9c0177be0d45aa00')).toBe('3f2a 9c01 77be 0d45');
  });

  it('is not replaced when the box cannot open it: evidence goes unsigned and the log says why', () => {
    const dir = folder();
    openSigningKey(join(dir, 'signing.key'), keyFileSecretBox(join(dir, 'secret.key')));
    const sealed = readFileSync(join(dir, 'signing.key'), 'utf8');
    const warnings: string[] = [];
    const log: Logger = { info: () => {}, error: () => {}, warn: (message) => void warnings.push(message) };
    // Another machine's keychain (a data folder copied over): a new key would disown every signed manifest.
    expect(consoleSigningKey(join(dir, 'signing.key'), keyFileSecretBox(join(folder(), 'other.key')), log)).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('signing key unavailable')]);
    expect(readFileSync(join(dir, 'signing.key'), 'utf8')).toBe(sealed);
    writeFileSync(join(dir, 'damaged.key'), 'gcm1:AAAA');
    expect(consoleSigningKey(join(dir, 'damaged.key'), keyFileSecretBox(join(dir, 'secret.key')), log)).toBeNull();
  });
});
