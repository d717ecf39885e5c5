// The "Fetch from host" button beside a token error, in real Chromium against a real sshd and a real OpenClaw Gateway:
// an SSH profile saved with a wrong token fails with the token error, the button reads the host's OpenClaw config over
// SSH, and the window reconnects by itself to Connected, the error gone, neither token ever in the page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { ensureGatewayInstalled, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway) &&
  peerAvailable('OpenSSH server', sshdMissing(), HOW_TO_GET.sshd);

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 30_000;

describe.skipIf(!usable)('Fetch from host beside a token error', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let sshd: Sshd;
  let dataDir: string;
  /** The home the browser host sees: its ~/.ssh/known_hosts and ~/.openclaw, never the developer's. */
  let home: string;
  /** The host's OpenClaw config folder, where the sshd user's login environment points. */
  let hostDir: string;
  let configPath: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-token-fetch-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-token-fetch-home-'));
    hostDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-token-fetch-host-'));
    configPath = path.join(hostDir, 'openclaw.json');
    [gateway, host, browser] = await Promise.all([
      startGateway(),
      startWebHostProcess(dataDir, {
        HOME: home,
        // Not there: this machine's own OpenClaw config is never what gets read.
        OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
      }),
      launchChromium(),
    ]);
    await writeFile(
      configPath,
      `{ gateway: { port: ${gateway.port}, auth: { mode: 'token', token: '${gateway.token}' } } }`,
    );
    sshd = await startSshd({
      extraConfig: [`SetEnv OPENCLAW_CONFIG_PATH=${configPath}`, 'Subsystem sftp internal-sftp'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sshd?.stop();
    await gateway?.stop();
    for (const dir of [dataDir, home, hostDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  function statusHeader(page: Page): Locator {
    return page.getByRole('region', { name: 'Connection status' });
  }

  async function waitForState(page: Page, words: string): Promise<void> {
    await statusHeader(page)
      .getByTestId('connection-state')
      .filter({ hasText: new RegExp(`^${words}$`) })
      .waitFor({ timeout: CONNECT_TIMEOUT_MS });
  }

  it(
    'fetches the token beside the token error and reconnects with it, no Connect click, no token in the page',
    async () => {
      const wrongToken = `not-the-token-${gateway.token.slice(0, 8)}`;
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(host.url);
      await page.getByRole('button', { name: 'Add profile…' }).click();
      const form = page.getByRole('form', { name: 'Profile editor' });
      await form.getByLabel('Name').fill('Wrong token over SSH');
      await form.getByRole('radio', { name: 'Remote over SSH' }).check();
      await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
      await form.getByLabel('SSH port').fill(String(sshd.port));
      await form.getByLabel('Identity file').fill(sshd.clientKeyPath);
      await form.getByLabel('Local port', { exact: true }).fill('0');
      await form.getByLabel('Remote Gateway port').fill(String(gateway.port));
      await form.getByLabel('Gateway token').fill(wrongToken);
      await form.getByRole('button', { name: 'Save' }).click();
      const item = page
        .getByRole('list', { name: 'Profiles' })
        .getByRole('listitem', { name: 'Wrong token over SSH', exact: true });
      await item.waitFor();

      // Connecting to the unknown host asks about its key first; trusted, the Gateway refuses the wrong token.
      await item.getByRole('button', { name: 'Connect' }).click();
      const dialog = page.getByRole('dialog', { name: 'Unknown SSH host' });
      await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
      await dialog.getByRole('button', { name: 'Trust', exact: true }).click();
      await waitForState(page, 'Cannot connect');
      const header = statusHeader(page);
      const error = header.getByRole('alert');
      await error.filter({ hasText: 'The Gateway rejected the token' }).waitFor();
      expect(await error.getAttribute('data-kind')).toBe('gateway-token-mismatch');
      await error.getByRole('button', { name: 'Enter the Gateway token' }).waitFor();

      // The button beside the error: the host's config is read over SSH and the profile connects again by itself.
      await error.getByRole('button', { name: 'Fetch from host' }).click();
      // The key is known now; should the sign-in ask again anyway, it is answered the same way.
      const connected = waitForState(page, 'Connected').then(() => 'connected' as const);
      const asked = dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS }).then(() => 'asked' as const);
      if ((await Promise.race([connected, asked.catch(() => connected)])) === 'asked') {
        await dialog.getByRole('button', { name: 'Trust', exact: true }).click();
      }
      await connected;
      expect(await header.getByTestId('status-profile').textContent()).toBe('Wrong token over SSH');
      await header.getByRole('alert').waitFor({ state: 'detached' });
      await item.filter({ hasText: 'Token stored' }).waitFor();
      // The fetch's outcome went with the error it answered, so a later error will not show it beside itself.
      await page.getByTestId('fetch-outcome').waitFor({ state: 'detached' });

      const content = await page.content();
      expect(content).not.toContain(gateway.token);
      expect(content).not.toContain(wrongToken);
      expect(host.output()).not.toContain(gateway.token);
      expect(host.output()).not.toContain(wrongToken);

      await header.getByRole('button', { name: 'Disconnect' }).click();
      await waitForState(page, 'Not connected');
      await page.close();
    },
    // It waits on a real sshd and Gateway, which on a loaded 2-core machine can take most of a minute.
    180_000,
  );
});
