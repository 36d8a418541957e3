/**
 * `npm run verify-evidence -- <case folder>`: checks an exported case folder on any PC, offline,
 * with nothing but the folder: every file's SHA-256 against the manifest, and the manifest's
 * Ed25519 signature with the public key it carries. It prints that key's fingerprint, for the
 * bureau to compare with the one the exporting console shows in its settings (证据签名密钥):
 * a folder re-signed with another key verifies, but under another fingerprint.
 * Exit code 0: intact; 1: refused (the reason printed); 2: no folder given.
 */
import { verifyCase, type CaseVerification } from './evidence/caseManifest.js';
import { shortFingerprint } from './store/signingKey.js';

const REASONS: Record<NonNullable<CaseVerification['problem']>, string> = {
  bad_manifest: 'the manifest is missing or unreadable / 校验清单缺失或无法读取',
  missing_media: 'a file named in the manifest is missing / 清单所列文件不见了',
  hash_mismatch: 'a file was changed after export (its SHA-256 differs) / 文件在导出后被改动（校验值不符）',
  bad_signature: 'the manifest was changed after it was signed / 清单在签名后被改动（签名不符）',
  unknown_key: 'signed by a key other than this console’s / 不是本机密钥所签',
  unsigned: 'the manifest is not signed / 清单没有签名',
  no_key: 'no key to check the signature with / 没有可核验签名的密钥',
};

/** The report's lines and the exit code. */
export async function verifyFolder(folder: string): Promise<{ code: number; lines: string[] }> {
  const result = await verifyCase(folder);
  const lines = [`folder: ${folder}`];
  for (const file of result.files) lines.push(`  ${file.found === 'matches' ? 'ok     ' : file.found === 'differs' ? 'CHANGED' : 'MISSING'} ${file.file}`);
  if (result.signedBy) lines.push(`signing key fingerprint / 签名密钥指纹: ${shortFingerprint(result.signedBy)}  (full: ${result.signedBy})`);
  if (result.manifest) lines.push(`case ${result.manifest.caseId}: ${result.manifest.from} – ${result.manifest.to}, ${result.manifest.cameras.length} camera(s), reason: ${result.manifest.reason ?? '-'}`);
  lines.push(result.ok ? 'INTACT / 完好：every file matches and the signature is valid' : `REFUSED / 不通过: ${REASONS[result.problem!]}`);
  return { code: result.ok ? 0 : 1, lines };
}

const folder = process.argv[2];
if (process.argv[1]?.endsWith('verifyEvidence.js')) {
  if (!folder) {
    console.error('usage: npm run verify-evidence -- <case folder>');
    process.exitCode = 2;
  } else {
    void verifyFolder(folder).then(({ code, lines }) => {
      for (const line of lines) console.log(line);
      process.exitCode = code;
    });
  }
}
