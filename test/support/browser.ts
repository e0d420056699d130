import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (scripts/provision.sh installs it); playwright-core downloads nothing. */
export const CHROMIUM_PATH = process.env.SANDFLOW_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots of browser tests; git-ignored with the rest of .sandflow/. */
export const TEST_OUTPUT_DIR = path.join(__dirname, '..', '..', '.sandflow', 'test-output');

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests run as root, where Chromium's own sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(TEST_OUTPUT_DIR, { recursive: true });
  const file = path.join(TEST_OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
