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

/** What a signature is for: a snapshot's or clip's manifest, or an export's case manifest. */
export const MANIFEST_LABEL = 'village-wall evidence manifest\n';
export const EXPORT_LABEL = 'village-wall evidence export\n';

const signedText = (manifest: object, label: string) => label + canonicalJson({ ...manifest, signature: undefined });

export function signManifest<M extends object>(manifest: M, key: SigningKey, label = MANIFEST_LABEL): M & { signature: ManifestSignature } {
  return { ...manifest, signature: { algorithm: 'ed25519', key: key.fingerprint, value: key.sign(signedText(manifest, label)) } };
}

/**
 * Whether `key` signed the manifest as it stands; `key` null: there is none to check with. The key
 * is this console's, or (offline) the public key an export carries, whose fingerprint a person
 * compares with the one the console shows.
 */
export function checkManifestSignature(manifest: { signature?: unknown }, key: Pick<SigningKey, 'fingerprint' | 'verify'> | null, label = MANIFEST_LABEL): SignatureCheck {
  const signature = manifest.signature as Partial<ManifestSignature> | undefined;
  if (signature === undefined || signature === null) return 'unsigned';
  if (!key) return 'no_key';
  if (signature.algorithm !== 'ed25519' || typeof signature.key !== 'string' || typeof signature.value !== 'string') return 'invalid';
  if (signature.key !== key.fingerprint) return 'unknown_key';
  return key.verify(signedText(manifest, label), signature.value) ? 'valid' : 'invalid';
}
