/**
 * The console's own Ed25519 signing key: made once, its private half sealed by the SecretBox
 * (safeStorage in the app, the 0600 key file headless) in a 0600 file beside the settings. What it
 * signs (evidence manifests now, exports later) can be checked by anyone holding the public key,
 * which is named by a fingerprint short enough to read aloud over the phone.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../lib/logger.js';
import type { SecretBox } from './secretBox.js';

export interface SigningKey {
  /** SHA-256 of the public key (SPKI, DER), hex: what a signature names as its key. */
  fingerprint: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature of the text's UTF-8 bytes. */
  sign(text: string): string;
  verify(text: string, signature: string): boolean;
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The first 16 hex digits in groups of four ("3f2a 9c01 77be 0d45"), for people to compare. */
export const shortFingerprint = (fingerprint: string) => fingerprint.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ');

/** Checks with a public key alone: what another console or a court does. */
export function verifierOf(publicKey: KeyObject): Pick<SigningKey, 'fingerprint' | 'publicKeyPem' | 'verify'> {
  return {
    fingerprint: fingerprintOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    verify(text, signature) {
      try {
        return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

export function signingKeyOf(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the console signing key must be Ed25519');
  return {
    ...verifierOf(createPublicKey(privateKey)),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}

/**
 * Opens the key sealed at `path`, or makes it there if there is none. A file that cannot be opened
 * (damaged, or sealed by another machine's keychain) throws and is left as it is: a new key would
 * make every manifest signed so far read as signed by a stranger.
 */
export function openSigningKey(path: string, box: SecretBox): SigningKey {
  if (existsSync(path)) return signingKeyOf(createPrivateKey(box.open(readFileSync(path, 'utf8').trim())));
  const key = generateKeyPairSync('ed25519').privateKey;
  const sealed = box.seal(key.export({ type: 'pkcs8', format: 'pem' }).toString());
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sealed, { mode: 0o600, flag: 'wx' });
  return signingKeyOf(key);
}

/** The console's key, or null (said in the log) when the box cannot keep one: evidence is then saved unsigned. */
export function consoleSigningKey(path: string, box: SecretBox, log: Logger): SigningKey | null {
  try {
    return openSigningKey(path, box);
  } catch (error) {
    log.warn('console signing key unavailable: evidence is saved unsigned', { path, problem: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
