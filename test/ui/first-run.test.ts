// What a person sees the first time the window opens, in real Chromium over the built browser host: a settings file
// that could not be used is reported with where it went (and its bytes are still there), and the remote Gateway the
// OpenClaw CLI on this Mac already uses is offered for import and becomes a profile, token included, never shown.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable = peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium);

const BROKEN_SETTINGS = '{\n  "profiles": [\n    { "name": "Home", \n';
const TOKEN = 'imported-token-0123456789';

describe.skipIf(!usable)('first run in the Settings window', () => {
  let browser: Browser;
  const cleanup: string[] = [];
  const hosts: WebHostProcess[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(hosts.map((host) => host.stop()));
    await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function scratch(prefix: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    cleanup.push(dir);
    return dir;
  }

  async function openGeneral(host: WebHostProcess): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(host.url);
    return page;
  }

  it('reports a damaged settings file, says where it went, and keeps its bytes there', async () => {
    const dataDir = await scratch('ocr-ui-first-run-');
    const home = await scratch('ocr-ui-first-run-home-');
    await writeFile(path.join(dataDir, 'settings.json'), BROKEN_SETTINGS);
    const host = await startWebHostProcess(dataDir, { HOME: home });
    hosts.push(host);
    const page = await openGeneral(host);

    const notice = page.getByRole('region', { name: 'Problems with your settings' });
    await notice.getByText('The settings file could not be used').waitFor();
    const asideName = (await readdir(dataDir)).find((name) => name.startsWith('settings.json.broken-'));
    expect(asideName).toBeDefined();
    expect(await notice.textContent()).toContain(path.join(dataDir, asideName!));
    expect(await readFile(path.join(dataDir, asideName!), 'utf8')).toBe(BROKEN_SETTINGS);
    // The window goes on with default settings: no profiles, and nothing else broken.
    await page.getByText('No profiles yet', { exact: false }).first().waitFor();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    await page.close();
  });

  it('offers the remote the OpenClaw CLI uses, and importing it makes the profile with its token', async () => {
    const dataDir = await scratch('ocr-ui-import-');
    const home = await scratch('ocr-ui-import-home-');
    await mkdir(path.join(home, '.openclaw'));
    await writeFile(
      path.join(home, '.openclaw', 'openclaw.json'),
      [
        '// written by hand, as people do',
        '{',
        '  gateway: {',
        '    mode: "remote",',
        '    remote: {',
        '      transport: "direct",',
        '      url: "wss://studio.tail1234.ts.net",',
        `      token: "${TOKEN}",`,
        '    },',
        '  },',
        '}',
      ].join('\n'),
    );
    const host = await startWebHostProcess(dataDir, { HOME: home });
    hosts.push(host);
    const page = await openGeneral(host);

    const offer = page.getByRole('region', { name: /Import the remote from/u });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('wss://studio.tail1234.ts.net');
    expect(await offer.textContent()).toContain('Imported (not shown)');
    await offer.getByRole('button', { name: 'Import', exact: true }).click();
    await offer.waitFor({ state: 'detached' });

    const profiles = page.getByRole('list', { name: 'Profiles' });
    await profiles.getByText('studio.tail1234.ts.net', { exact: false }).first().waitFor();
    await profiles.getByText('Token stored', { exact: false }).first().waitFor();
    expect(await page.content()).not.toContain(TOKEN);
    const settings = await readFile(path.join(dataDir, 'settings.json'), 'utf8');
    expect(settings).toContain('wss://studio.tail1234.ts.net');
    expect(settings).not.toContain(TOKEN);

    // Answered once: a new window makes no second offer.
    const again = await openGeneral(host);
    await again.getByText('studio.tail1234.ts.net', { exact: false }).first().waitFor();
    expect(await again.getByRole('region', { name: /Import the remote from/u }).count()).toBe(0);
    await page.close();
    await again.close();
  });
});
