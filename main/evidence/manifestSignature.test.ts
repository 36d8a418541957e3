/**
 * 核验 of a signed manifest: the media, its hash and the manifest's signature, each said; an edited
 * reason, or media replaced together with its hash, fails; old unsigned manifests say "unsigned".
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../domain/canonicalJson.js';
import { signingKeyOf, type SigningKey } from '../store/signingKey.js';
import { manifestPathFor, sha256File, verifyEvidence, writeManifest, type EvidenceManifest } from './manifest.js';

const consoleKey = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const strangerKey = signingKeyOf(generateKeyPairSync('ed25519').privateKey);

/** A snapshot saved as the service saves one: media, then its manifest. */
async function saved(key: SigningKey | null = consoleKey): Promise<{ media: string; manifestPath: string }> {
  const media = join(mkdtempSync(join(tmpdir(), 'vw-signed-')), 'cam-1.jpg');
  writeFileSync(media, Buffer.from('\xff\xd8 a picture of the crossing \xff\xd9', 'latin1'));
  const at = '2026-12-01T02:00:00.000Z';
  const fields = { kind: 'snapshot', cameraId: 'cam-1', cameraName: '东村路口', siteName: '东村', startedAt: at, clickedAt: at, endedAt: at, operator: { console: 'c1', role: 'operator' }, reason: '3 月 5 日夜间盗窃案', partial: false, partialReason: null } as const;
  await writeManifest(media, fields, key);
  return { media, manifestPath: manifestPathFor(media) };
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as EvidenceManifest;
const edit = (path: string, change: (m: EvidenceManifest) => void) => {
  const manifest = read(path);
  change(manifest);
  writeFileSync(path, JSON.stringify(manifest, null, 2));
};

describe('核验 of a signed manifest', () => {
  it('passes an untouched item and says what it checked, naming the key', async () => {
    const { manifestPath } = await saved();
    expect(read(manifestPath).signature).toMatchObject({ algorithm: 'ed25519', key: consoleKey.fingerprint });
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: true,
      problem: null,
      checks: { media: 'present', hash: 'matches', signature: 'valid' },
      signedBy: consoleKey.fingerprint,
    });
  });

  it('still passes a manifest re-indented or with its keys in another order', async () => {
    const { manifestPath } = await saved();
    const manifest = read(manifestPath);
    writeFileSync(manifestPath, JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse()), null, 4));
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({ ok: true });
    writeFileSync(manifestPath, canonicalJson(manifest));
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({ ok: true });
  });

  it('fails when the reason was edited', async () => {
    const { manifestPath } = await saved();
    edit(manifestPath, (m) => (m.reason = '例行巡查'));
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'bad_signature',
      checks: { media: 'present', hash: 'matches', signature: 'invalid' },
    });
  });

  it('fails when the media was replaced together with its hash and size', async () => {
    const { media, manifestPath } = await saved();
    writeFileSync(media, 'another picture');
    const { sha256, bytes } = await sha256File(media);
    edit(manifestPath, (m) => Object.assign(m, { sha256, bytes }));
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'bad_signature',
      checks: { media: 'present', hash: 'matches', signature: 'invalid' },
    });
  });

  it('fails when one byte of the media flips, while the manifest itself still checks out', async () => {
    const { media, manifestPath } = await saved();
    const bytes = readFileSync(media);
    bytes[3] = bytes[3]! ^ 0x01;
    writeFileSync(media, bytes);
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'hash_mismatch',
      checks: { media: 'present', hash: 'differs', signature: 'valid' },
    });
  });

  it('fails a manifest re-signed with another key, and names that key', async () => {
    const { manifestPath } = await saved(strangerKey);
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'unknown_key',
      checks: { hash: 'matches', signature: 'unknown_key' },
      signedBy: strangerKey.fingerprint,
    });
    // A signature that names this console's key but was made with another is simply invalid.
    edit(manifestPath, (m) => (m.signature!.key = consoleKey.fingerprint));
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({ ok: false, problem: 'bad_signature' });
  });

  it('calls a manifest saved before signing "unsigned": not a pass, not a crash', async () => {
    const { manifestPath } = await saved(null);
    expect(read(manifestPath).signature).toBeUndefined();
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'unsigned',
      checks: { media: 'present', hash: 'matches', signature: 'unsigned' },
      signedBy: null,
    });
    // Stripping the signature off a signed manifest does no better.
    const signed = await saved();
    edit(signed.manifestPath, (m) => delete m.signature);
    expect(await verifyEvidence(signed.manifestPath, consoleKey)).toMatchObject({ ok: false, problem: 'unsigned' });
  });

  it('says the key is unavailable rather than passing, on a console that has none', async () => {
    const { manifestPath } = await saved();
    expect(await verifyEvidence(manifestPath, null)).toMatchObject({ ok: false, problem: 'no_key', checks: { hash: 'matches', signature: 'no_key' } });
  });

  it('still checks the signature when the media is gone', async () => {
    const { media, manifestPath } = await saved();
    rmSync(media);
    expect(await verifyEvidence(manifestPath, consoleKey)).toMatchObject({
      ok: false,
      problem: 'missing_media',
      checks: { media: 'missing', hash: 'not_checked', signature: 'valid' },
    });
  });

  it('checks only the media when asked without a key, as callers that predate signing do', async () => {
    const { media, manifestPath } = await saved(null);
    expect(await verifyEvidence(manifestPath)).toMatchObject({ ok: true, checks: { media: 'present', hash: 'matches', signature: 'not_checked' } });
    writeFileSync(media, 'changed');
    expect(await verifyEvidence(manifestPath)).toMatchObject({ ok: false, problem: 'hash_mismatch' });
  });

  it('says a manifest that cannot be read is damaged, having checked nothing', async () => {
    const { manifestPath } = await saved();
    writeFileSync(manifestPath, '{"version":1,');
    expect(await verifyEvidence(manifestPath, consoleKey)).toEqual({
      ok: false,
      problem: 'bad_manifest',
      checks: { media: 'not_checked', hash: 'not_checked', signature: 'not_checked' },
      signedBy: null,
    });
  });
});
