/**
 * Camera passwords are sealed before they touch disk. In the desktop app the box is Electron's
 * safeStorage (the OS keychain); in headless mode and tests it is AES-256-GCM with a key file
 * readable only by its owner (0600), kept next to the settings.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the sealed text was not made by this box (wrong key, damaged). */
  open(sealed: string): string;
}

const PREFIX = 'gcm1:';

export function keyFileSecretBox(keyPath: string): SecretBox {
  const key = loadOrCreateKey(keyPath);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by this console');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(keyPath: string): Buffer {
  if (existsSync(keyPath)) {
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`secret key file ${keyPath} is damaged`);
    chmodSync(keyPath, 0o600);
    return key;
  }
  mkdirSync(dirname(keyPath), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyPath, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}
