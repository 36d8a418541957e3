/**
 * A manifest signed with the console's key. The signature covers the manifest's canonical text
 * (keys sorted, no whitespace, the signature itself left out) under a label of its own, so
 * re-indenting the file keeps it valid, changing one character of it does not, and a signature
 * made for another purpose (an export, later) can never pass for a manifest's.
 */
import type { SignatureCheck } from '../../preload/api.js';
import { canonicalJson } from '../domain/canonicalJson.js';
import type { SigningKey } from '../store/signingKey.js';

export interface ManifestSignature {
  algorithm: 'ed25519';
  /** The signing key's fingerprint (SHA-256 of its public key, hex). */
  key: string;
  /** Base64. */
  value: string;
}

const LABEL = 'village-wall evidence manifest\n';

const signedText = (manifest: object) => LABEL + canonicalJson({ ...manifest, signature: undefined });

export function signManifest<M extends object>(manifest: M, key: SigningKey): M & { signature: ManifestSignature } {
  return { ...manifest, signature: { algorithm: 'ed25519', key: key.fingerprint, value: key.sign(signedText(manifest)) } };
}

/** Whether this console's key signed the manifest as it stands; `key` null: the console has none to check with. */
export function checkManifestSignature(manifest: { signature?: unknown }, key: SigningKey | null): SignatureCheck {
  const signature = manifest.signature as Partial<ManifestSignature> | undefined;
  if (signature === undefined || signature === null) return 'unsigned';
  if (!key) return 'no_key';
  if (signature.algorithm !== 'ed25519' || typeof signature.key !== 'string' || typeof signature.value !== 'string') return 'invalid';
  if (signature.key !== key.fingerprint) return 'unknown_key';
  return key.verify(signedText(manifest), signature.value) ? 'valid' : 'invalid';
}
