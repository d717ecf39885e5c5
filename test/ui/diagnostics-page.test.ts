// The Diagnostics page in real Chromium against a real sshd and a real OpenClaw Gateway: a connection error's
// "Run Diagnostics" opens the page and runs the checks; the failing step shows its fix and its button, which fixes it;
// the page agrees with `openclaw-remote doctor --json` step for step; the saved reports hold no token.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_DIAGNOSTICS_HASH } from '../../electron/shared/channels';
import type { DoctorJsonReport } from '../../electron/shared/doctor-export';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { APP_BUILD_CLI, runCli } from '../fixtures/cli-process';
import { ensureGatewayInstalled, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway) &&
  peerAvailable('OpenSSH server', sshdMissing(), HOW_TO_GET.sshd);

/** Waits up to this long for a state the Gateway has to be reached for, or a whole run of the checks. */
const PEER_TIMEOUT_MS = 60_000;

describe.skipIf(!usable)('the Diagnostics page', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let sshd: Sshd;
  let dataDir: string;
  /** The home the browser host sees, with the sshd's key already in ~/.ssh/known_hosts. */
  let home: string;
  let hostDir: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-doctor-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-doctor-home-'));
    hostDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-doctor-host-'));
    [gateway, host, browser] = await Promise.all([
      startGateway(),
      startWebHostProcess(dataDir, { HOME: home, OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json') }),
      launchChromium(),
    ]);
    const configPath = path.join(hostDir, 'openclaw.json');
    await writeFile(
      configPath,
      `{ gateway: { port: ${gateway.port}, auth: { mode: 'token', token: '${gateway.token}' } } }`,
    );
    sshd = await startSshd({
      extraConfig: [`SetEnv OPENCLAW_CONFIG_PATH=${configPath}`, 'Subsystem sftp internal-sftp'],
    });
    await mkdir(path.join(home, '.ssh'), { mode: 0o700 });
    await writeFile(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`, {
      mode: 0o600,
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sshd?.stop();
    await gateway?.stop();
    for (const dir of [dataDir, home, hostDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  function stepRow(page: Page, title: string): Locator {
    return page.getByRole('list', { name: 'Checks' }).getByRole('listitem', { name: title, exact: true });
  }

  async function pageSteps(page: Page): Promise<[string, string][]> {
    const rows = await page.getByRole('list', { name: 'Checks' }).getByRole('listitem').all();
    return Promise.all(
      rows.map(
        async (row) =>
          [(await row.getAttribute('aria-label')) ?? '', (await row.getAttribute('data-status')) ?? ''] as [
            string,
            string,
          ],
      ),
    );
  }

  async function saved(page: Page, button: string): Promise<string> {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const file = await (await download).path();
    return readFile(file, 'utf8');
  }

  it('runs from a connection error, shows the failing step with its button, matches doctor --json, saves no token', async () => {
    const wrongToken = `wrong-token-${gateway.token.slice(0, 8)}`;
    const page = await browser.newPage({ acceptDownloads: true });
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = page.getByRole('form', { name: 'Profile editor' });
    await form.getByLabel('Name').fill('Studio');
    await form.getByRole('radio', { name: 'Remote over SSH' }).check();
    await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
    await form.getByLabel('SSH port').fill(String(sshd.port));
    await form.getByLabel('Identity file').fill(sshd.clientKeyPath);
    await form.getByLabel('Local port', { exact: true }).fill('0');
    await form.getByLabel('Remote Gateway port').fill(String(gateway.port));
    await form.getByLabel('Gateway token').fill(wrongToken);
    await form.getByRole('button', { name: 'Save' }).click();
    const item = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'Studio', exact: true });
    await item.getByRole('button', { name: 'Connect' }).click();

    // The error's own button fixes the token; the one beside it diagnoses, and opening the page runs the checks.
    const error = page.getByRole('region', { name: 'Connection status' }).getByRole('alert');
    await error.filter({ hasText: 'The Gateway rejected the token' }).waitFor({ timeout: PEER_TIMEOUT_MS });
    await error.getByRole('button', { name: 'Run Diagnostics' }).click();
    await page.getByRole('heading', { name: 'Diagnostics' }).waitFor();
    const summary = page.getByTestId('doctor-summary');
    await summary.waitFor({ timeout: PEER_TIMEOUT_MS });
    expect(await summary.textContent()).toMatch(/^\d+ checks? of Studio failed\.$/u);

    const signIn = stepRow(page, 'Gateway sign-in');
    expect(await signIn.getAttribute('data-status')).toBe('fail');
    expect(await signIn.getByTestId('step-status').textContent()).toBe('Failed');
    await signIn.filter({ hasText: 'rejected the token' }).waitFor();
    const fetchButton = signIn.getByRole('button', { name: 'Fetch from host' });
    await fetchButton.waitFor();
    for (const title of ['TCP reachability', 'SSH host key', 'SSH login', 'Forward to the Gateway']) {
      expect(await stepRow(page, title).getAttribute('data-status'), title).toBe('pass');
    }

    // The terminal's doctor over the same settings says the same, step for step.
    const cli = await runCli(['doctor', 'Studio', '--json'], {
      env: { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir },
      entry: APP_BUILD_CLI,
    });
    expect(cli.code, cli.stderr).toBe(1);
    const terminal = JSON.parse(cli.stdout) as DoctorJsonReport;
    expect(await pageSteps(page)).toEqual(terminal.steps.map((step) => [step.title, step.status]));

    // What the page saves is that report, redacted.
    const json = JSON.parse(await saved(page, 'Save as JSON…')) as DoctorJsonReport;
    expect(json.steps.map((step) => [step.id, step.title, step.status, step.fix?.action ?? null])).toEqual(
      terminal.steps.map((step) => [step.id, step.title, step.status, step.fix?.action ?? null]),
    );
    const markdown = await saved(page, 'Save as Markdown…');
    expect(markdown).toContain('# OpenClaw Remote diagnostics: Studio');
    expect(markdown).toContain('Gateway sign-in: Failed');
    for (const text of [JSON.stringify(json), markdown, cli.stdout, await page.content()]) {
      expect(text).not.toContain(wrongToken);
      expect(text).not.toContain(gateway.token);
    }

    // The step's button fixes it, and the checks run again by themselves.
    await fetchButton.click();
    // Passed, or passed with a warning (a host without `openclaw` on its login PATH): no check failed.
    await summary.filter({ hasNotText: /^\d+ checks? of Studio failed/u }).waitFor({ timeout: PEER_TIMEOUT_MS });
    expect(await stepRow(page, 'Gateway sign-in').getAttribute('data-status')).toBe('pass');
    expect(await page.content()).not.toContain(gateway.token);

    // A link that dropped once and came back: the stability step draws it on its timeline.
    await page.getByRole('button', { name: 'General' }).click();
    const header = page.getByRole('region', { name: 'Connection status' });
    const state = header.getByTestId('connection-state');
    // The fetched token is the one the connection's error asked for: it connected again by itself.
    await state.filter({ hasText: /^Connected$/u }).waitFor({ timeout: PEER_TIMEOUT_MS });
    await sshd.restart();
    await state.filter({ hasText: /^Reconnecting/u }).waitFor({ timeout: PEER_TIMEOUT_MS });
    await state.filter({ hasText: /^Connected$/u }).waitFor({ timeout: PEER_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Diagnostics' }).click();
    await page.getByRole('button', { name: 'Run checks' }).click();
    await summary.waitFor({ timeout: PEER_TIMEOUT_MS });
    const timeline = stepRow(page, 'Stability').getByRole('img');
    expect(await timeline.getAttribute('aria-label')).toMatch(
      /^Last \d+ min: [1-9]\d* keepalive round trips?, median .* ms, slowest .* ms; 1 drop, 1 recovery\.$/u,
    );
    await page.close();
  }, 240_000);

  // Needs the profile the test above saved.
  it('a window opened by the menu bar’s Run Diagnostics… starts on Diagnostics and runs the checks', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    // The app opens its new window at this fragment; the browser host's page keeps its bridge secret beside it.
    await page.goto(`${host.url}&${RUN_DIAGNOSTICS_HASH}`);
    await page.getByRole('heading', { name: 'Diagnostics' }).waitFor();
    expect(await page.getByRole('button', { name: 'Diagnostics' }).getAttribute('aria-current')).toBe('page');
    await page.getByTestId('doctor-summary').waitFor({ timeout: PEER_TIMEOUT_MS });
    expect(await stepRow(page, 'SSH login').getAttribute('data-status')).toBe('pass');
    await page.close();
  }, 120_000);
});
