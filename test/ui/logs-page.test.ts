// Settings → Logs in real Chromium through the real built browser host, against a REAL OpenClaw Gateway: not
// connected, the page says so and its Connect button connects; then the Gateway's own log arrives through its
// `logs.tail`, a line the Gateway writes afterwards (a refused sign-in) appears by itself with its level, the filter
// narrows by text and level, Pause holds new lines back until Resume, Copy takes the visible lines, and the app's own
// log is the other tab. No token reaches the page.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { APP_BUILD_CLI, runCli } from '../fixtures/cli-process';
import { ensureGatewayInstalled, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { testGatewayClient } from '../fixtures/gateway-client';
import { waitForPhase } from '../fixtures/link-state';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh');

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 30_000;
/** The page asks for new lines every second; a line the Gateway wrote shows within a few of those, even under load. */
const LINE_TIMEOUT_MS = 20_000;

describe.skipIf(!usable)('Logs page against a real Gateway', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let dataDir: string;
  let home: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-logs-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-logs-home-'));
    gateway = await startGateway();
    // The profile is made as a person would on the terminal, so this test is about the Logs page alone.
    const added = await runCli(
      [
        '--data-dir',
        dataDir,
        'profiles',
        'add',
        'Loopback Gateway',
        '--url',
        gateway.url,
        '--token-stdin',
        '--primary',
      ],
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

  /** A sign-in with a wrong token: the Gateway logs it as a warning ("unauthorized conn=…"). */
  async function provokeRefusedSignIn(): Promise<void> {
    const client = testGatewayClient(createTestLog(), {
      url: gateway.url,
      token: `wrong-${gateway.token.slice(0, 6)}`,
    });
    client.start();
    await waitForPhase(client, 'failed');
    await client.close();
  }

  /** How many of the Gateway's own file lines say "unauthorized" (what the page should catch up with). */
  async function refusalsInFile(): Promise<number> {
    const text = await readFile(gateway.logPath, 'utf8');
    return text.split('\n').filter((line) => line.includes('unauthorized conn=')).length;
  }

  function lines(page: Page): Locator {
    return page.getByRole('list', { name: 'Gateway log lines' }).getByRole('listitem');
  }

  /** Serious or critical accessibility findings inside the page's content (the sidebar is another page's concern). */
  async function axeFindings(page: Page): Promise<string[]> {
    const result = await new AxeBuilder({ page }).include('main').analyze();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  async function waitForRefusals(page: Page, count: number): Promise<void> {
    await expect
      .poll(() => lines(page).filter({ hasText: 'unauthorized conn=' }).count(), { timeout: LINE_TIMEOUT_MS })
      .toBe(count);
  }

  it('connects from the page, follows the real log live, filters, pauses, copies', async () => {
    const context: BrowserContext = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(host.url).origin });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Logs', exact: true }).click();
    await page.getByRole('heading', { name: 'Logs' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Gateway log' }).getAttribute('aria-selected')).toBe('true');

    // Not connected: one sentence and the button that fixes it.
    await page.getByText('connect a profile to follow it here').waitFor();
    await page.getByRole('tabpanel').getByRole('button', { name: 'Connect' }).click();

    // The Gateway's own startup lines, read through logs.tail, readable and with their level.
    await lines(page).filter({ hasText: 'INFO gateway:' }).first().waitFor({ timeout: CONNECT_TIMEOUT_MS });
    expect(await lines(page).filter({ hasText: 'INFO gateway:' }).first().getAttribute('data-level')).toBe('info');
    await page.getByTestId('gateway-log-state').filter({ hasText: gateway.logPath }).waitFor();

    // A line the Gateway writes now appears by itself, as a warning.
    const before = await refusalsInFile();
    await provokeRefusedSignIn();
    await expect.poll(refusalsInFile, { timeout: LINE_TIMEOUT_MS }).toBe(before + 1);
    await waitForRefusals(page, before + 1);
    const refusal = lines(page).filter({ hasText: 'unauthorized conn=' }).last();
    expect(await refusal.getAttribute('data-level')).toBe('warn');
    expect(await refusal.textContent()).toMatch(/^\d{2}:\d{2}:\d{2} WARN /);

    // The filter: by text, then by level; every visible line matches both.
    const all = await lines(page).count();
    await page.getByLabel('Filter').fill('unauthorized');
    await expect.poll(() => lines(page).count()).toBe(before + 1);
    await page.getByLabel('Filter').fill('');
    await page.getByLabel('Level').selectOption({ label: 'Warnings and errors' });
    await expect.poll(() => lines(page).count()).toBeLessThan(all);
    const levels = await Promise.all((await lines(page).all()).map((item) => item.getAttribute('data-level')));
    expect(levels.length).toBeGreaterThan(0);
    for (const level of levels) expect(['warn', 'error', 'fatal']).toContain(level);

    // Copy takes exactly the visible lines.
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page
      .getByTestId('gateway-log-state')
      .filter({ hasText: `Copied ${levels.length} line` })
      .waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied.split('\n')).toEqual(await lines(page).allTextContents());
    await page.getByLabel('Level').selectOption({ label: 'All levels' });

    // Paused: a line the Gateway writes meanwhile waits (the page would have read it within a few seconds)…
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('gateway-log-state').filter({ hasText: 'Paused' }).waitFor();
    await provokeRefusedSignIn();
    await expect.poll(refusalsInFile, { timeout: LINE_TIMEOUT_MS }).toBe(before + 2);
    await page.waitForTimeout(3_000);
    expect(await lines(page).filter({ hasText: 'unauthorized conn=' }).count()).toBe(before + 1);
    // …and arrives on Resume, from where the follow stopped.
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForRefusals(page, before + 2);

    // Readable in light and dark, lines of every level included.
    expect(await axeFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeFindings(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // The other tab: the app's own log, which has the connect in it.
    await page.getByRole('tab', { name: 'App log' }).click();
    await page
      .getByRole('list', { name: 'App log lines' })
      .getByRole('listitem')
      .filter({ hasText: 'Connected to OpenClaw Gateway' })
      .first()
      .waitFor();

    expect(await page.content()).not.toContain(gateway.token);
    expect(host.output()).not.toContain(gateway.token);
    await context.close();
  }, 180_000);
});
