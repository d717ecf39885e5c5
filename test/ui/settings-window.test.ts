// The real Settings window in real Chromium, served by the real built browser host: the UI talks to the
// main-process services over the bridge exactly as it would over the Electron preload.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable = peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium);

describe.skipIf(!usable)('Settings window in Chromium', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-'));
    host = await startWebHostProcess(dataDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows every section and fills About from app:info with the real version', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(host.url);
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    for (const section of ['General', 'Tailscale', 'Security', 'Diagnostics', 'Logs', 'About']) {
      expect(await nav.getByRole('button', { name: section }).count()).toBe(1);
    }
    await nav.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-version').waitFor();
    expect(await page.getByTestId('about-version').textContent()).toBe(version);
    expect(await page.getByTestId('about-running-in').textContent()).toBe('Browser (npm run web)');
    expect(await page.getByTestId('about-data-folder').textContent()).toBe(dataDir);
    // The browser host runs under Node, whose ssh2 loads its native binding (test/unit/ssh-native-crypto.test.ts).
    expect(await page.getByTestId('about-ssh-encryption').textContent()).toBe('Native (OpenSSL binding)');
    // The tests run with no keychain (their global setup), so the host keeps secrets in its user-only file.
    expect(await page.getByTestId('about-secrets').textContent()).toBe(
      `${path.join(dataDir, 'secrets.unencrypted.json')} (unencrypted, readable only by you)`,
    );
    await page.screenshot({ path: path.join(dataDir, 'about.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the app’s log, including the start-up line from main', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Logs' }).click();
    await page.getByRole('tab', { name: 'App log' }).click();
    await page.getByText(`OpenClaw Remote ${version} started`).waitFor();
    await page.close();
  });

  it('explains what to do when opened without the secret', async () => {
    const page = await browser.newPage();
    await page.goto(host.url.replace(/#.*$/, ''));
    await page.getByRole('button', { name: 'About' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('not connected to OpenClaw Remote');
    expect(await alert.textContent()).toContain('npm run web');
    await page.close();
  });

  it('tells the page when the host has gone away', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-version').waitFor();
    await host.stop();
    await page.getByRole('button', { name: 'Logs' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('lost its connection');
    await page.close();
  });
});
