/**
 * The desktop app itself, through Playwright's Electron driver. It runs only where the Electron
 * binary could be installed; elsewhere it is skipped, and the test's name says why.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const reason = binary ? '' : ' (skipped: the Electron binary is not installed on this machine; its download needs internet)';

describe.skipIf(!binary)(`desktop app${reason}`, () => {
  it('opens a sandboxed wall window on the demo site that plays', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(import.meta.dirname, '../..')],
      env: { ...process.env, VILLAGE_WALL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vw-electron-')) },
    });
    try {
      const page = await app.firstWindow();
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { wallBridge?: unknown }).wallBridge)).toBe('object');
      await expect.poll(() => page.locator('[data-testid="tile"]').count(), { timeout: 20_000 }).toBe(9);
      await expect.poll(() => page.locator('[data-testid="tile"][data-state="live"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
