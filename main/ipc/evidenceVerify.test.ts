/**
 * 核验 through the API as the evidence dialog calls it: what it says for an intact item, an edited
 * reason, replaced media with its hash, a flipped byte and an old unsigned manifest; and the
 * console's public key, shown so that another console or a court can check.
 */
import { createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { manifestPathFor, sha256File, writeManifest, type EvidenceManifest } from '../evidence/manifest.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox } from '../store/secretBox.js';
import { fingerprintOf, openSigningKey, shortFingerprint, type SigningKey } from '../store/signingKey.js';
import { apiCalls } from './testCalls.js';

let services: Services;
let dir: string;
/** The console's own key, opened from its data folder as the console opens it. */
let key: SigningKey;
const { call } = apiCalls(() => services);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vw-verify-'));
  services = await startServices({ mode: 'headless', dataDir: dir, secretBox: keyFileSecretBox(join(dir, 'secret.key')), log: silentLogger });
  key = openSigningKey(join(dir, 'signing.key'), keyFileSecretBox(join(dir, 'secret.key')));
});
afterAll(() => services.close());

let count = 0;
/** A snapshot in the console's evidence folder; its file name. */
async function snapshot(signed = true): Promise<string> {
  const folder = join(dir, 'evidence');
  mkdirSync(folder, { recursive: true });
  const media = join(folder, `cam-${++count}.jpg`);
  writeFileSync(media, `picture ${count}`);
  const at = new Date().toISOString();
  await writeManifest(media, { kind: 'snapshot', cameraId: 'cam', cameraName: '东村路口', siteName: null, startedAt: at, clickedAt: at, endedAt: at, operator: { console: 'c1', role: 'admin' }, reason: '盗窃案', partial: false, partialReason: null }, signed ? key : null);
  return `cam-${count}.jpg`;
}

const manifestOf = (file: string) => manifestPathFor(join(dir, 'evidence', file));
const editManifest = (file: string, change: (m: EvidenceManifest) => void) => {
  const manifest = JSON.parse(readFileSync(manifestOf(file), 'utf8')) as EvidenceManifest;
  change(manifest);
  writeFileSync(manifestOf(file), JSON.stringify(manifest, null, 2));
};

describe('evidence.verify', () => {
  it('says an untouched item is intact: file there, hash matching, signed by this console', async () => {
    const file = await snapshot();
    expect(await call('evidence.verify', { file })).toEqual({
      ok: true,
      problem: null,
      checks: { media: 'present', hash: 'matches', signature: 'valid' },
      signedBy: shortFingerprint(key.fingerprint),
    });
  });

  it('fails when the reason and the hash were changed in the manifest', async () => {
    const file = await snapshot();
    editManifest(file, (m) => Object.assign(m, { reason: '例行巡查', sha256: '0'.repeat(64) }));
    expect(await call('evidence.verify', { file })).toMatchObject({ ok: false, problem: 'hash_mismatch', checks: { hash: 'differs', signature: 'invalid' } });
  });

  it('fails when the media was replaced together with its hash', async () => {
    const file = await snapshot();
    writeFileSync(join(dir, 'evidence', file), 'a different picture');
    const { sha256, bytes } = await sha256File(join(dir, 'evidence', file));
    editManifest(file, (m) => Object.assign(m, { sha256, bytes }));
    expect(await call('evidence.verify', { file })).toMatchObject({ ok: false, problem: 'bad_signature', checks: { media: 'present', hash: 'matches', signature: 'invalid' } });
  });

  it('fails when one byte of the media flips', async () => {
    const file = await snapshot();
    const bytes = readFileSync(join(dir, 'evidence', file));
    bytes[0] = bytes[0]! ^ 0x80;
    writeFileSync(join(dir, 'evidence', file), bytes);
    expect(await call('evidence.verify', { file })).toMatchObject({ ok: false, problem: 'hash_mismatch', checks: { hash: 'differs', signature: 'valid' } });
  });

  it('calls an item saved before signing unsigned', async () => {
    const file = await snapshot(false);
    expect(await call('evidence.verify', { file })).toEqual({
      ok: false,
      problem: 'unsigned',
      checks: { media: 'present', hash: 'matches', signature: 'unsigned' },
      signedBy: null,
    });
  });
});

describe('evidence.signingKey', () => {
  it('gives the public key and its short fingerprint, and the two agree', async () => {
    const view = await call('evidence.signingKey');
    expect(view).not.toBeNull();
    expect(view!.fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(shortFingerprint(fingerprintOf(createPublicKey(view!.publicKeyPem)))).toBe(view!.fingerprint);
    expect(JSON.stringify(view)).not.toContain('PRIVATE');
  });
});
