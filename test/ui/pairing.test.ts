// Pairing in real Chromium through the real built browser host, against a REAL OpenClaw Gateway that does not approve
// local devices by itself (gateway.nodes.pairing.autoApproveLocal: false): connecting a fresh install opens the
// pairing sheet with the request id and the exact command; once the real `openclaw devices approve <id>` runs on the
// Gateway's side, the window reaches Connected and the sheet closes, without anything pressed in the page.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { APP_BUILD_CLI, runCli } from '../fixtures/cli-process';
import {
  ensureGatewayInstalled,
  gatewayMissing,
  runOpenclawCli,
  startGatewayWithConfig,
  type Gateway,
} from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { lookInBoth } from '../fixtures/look';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh');

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 30_000;

describe.skipIf(!usable)('Pairing sheet against a real Gateway that asks for approval', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let dataDir: string;
  let home: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    // A data dir of its own: this install's device identity is new to the Gateway.
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-pairing-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-pairing-home-'));
    gateway = await startGatewayWithConfig({ gateway: { nodes: { pairing: { autoApproveLocal: false } } } });
    const added = await runCli(
      ['--data-dir', dataDir, 'profiles', 'add', 'Strict Gateway', '--url', gateway.url, '--token-stdin', '--primary'],
      { env: { ...process.env, HOME: home }, input: gateway.token, entry: APP_BUILD_CLI },
    );
    expect(added.code, added.stderr).toBe(0);
    [host, browser] = await Promise.all([
      startWebHostProcess(dataDir, { HOME: home, OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json') }),
      launchChromium(),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await gateway?.stop();
    for (const dir of [dataDir, home]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  function statusHeader(page: Page): Locator {
    return page.getByRole('region', { name: 'Connection status' });
  }

  it('shows the request and its command, and reaches Connected by itself once approved on the host', async () => {
    // A context of its own, as the accessibility check needs.
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await statusHeader(page).getByRole('button', { name: 'Connect' }).click();

    const sheet = page.getByRole('dialog', { name: 'Approve this Mac on the Gateway host' });
    await sheet.waitFor({ timeout: CONNECT_TIMEOUT_MS });
    expect(await sheet.getAttribute('aria-modal')).toBe('true');
    const requestId = (await sheet.getByTestId('pairing-request-id').textContent()) ?? '';
    expect(requestId).not.toBe('');
    expect(await sheet.getByTestId('pairing-command').textContent()).toBe(`openclaw devices approve ${requestId}`);
    await sheet.getByRole('status').filter({ hasText: 'Waiting for approval…' }).waitFor();
    // Focus starts inside the sheet, on its Copy button.
    expect(await page.locator(':focus').textContent()).toBe('Copy command');

    // Readable in light and dark.
    expect(await lookInBoth(page, 'sheet-pairing', { include: 'dialog' })).toEqual([]);

    // The sheet stays through the retries, still naming the same request.
    await expect
      .poll(async () => (await runOpenclawCli(['devices', 'list', '--json'], cliEnv())).stdout, {
        timeout: CONNECT_TIMEOUT_MS,
      })
      .toContain(requestId);
    expect(await sheet.getByTestId('pairing-request-id').textContent()).toBe(requestId);

    // Approved on the Gateway's side with its own CLI; nothing is pressed in the page.
    const approved = await runOpenclawCli(['devices', 'approve', requestId, '--json'], cliEnv());
    expect(approved.code, approved.stderr).toBe(0);
    await statusHeader(page)
      .getByTestId('connection-state')
      .filter({ hasText: /^Connected$/ })
      .waitFor({ timeout: CONNECT_TIMEOUT_MS });
    await sheet.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(gateway.token);
    await context.close();
  }, 180_000);

  /** The Gateway host's CLI: its state dir, and the shared token so it can reach the running Gateway. */
  function cliEnv(): NodeJS.ProcessEnv {
    return { ...gateway.env, OPENCLAW_GATEWAY_TOKEN: gateway.token, OPENCLAW_GATEWAY_PORT: String(gateway.port) };
  }
});
