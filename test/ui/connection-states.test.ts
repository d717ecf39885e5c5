// Connection states told truthfully, in real Chromium through the built browser host against a real OpenClaw Gateway:
// a saved token the Gateway refused while its device token still signs in is a warning with its fix, never a green
// "Connected"; saving the token an error asked for connects again without pressing Connect; the buttons and badges
// follow the state; About names the Gateway's version; and a dismissed settings problem stays dismissed past a reload
// and a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import {
  ensureGatewayInstalled,
  GATEWAY_VERSION,
  gatewayMissing,
  startGateway,
  type Gateway,
} from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh');

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 30_000;

describe.skipIf(!usable)('connection states against a real Gateway', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let dataDir: string;
  let home: string;

  /** The browser host over the same data folder and home, as a restart of the app finds them. */
  const startHost = () =>
    startWebHostProcess(dataDir, {
      HOME: home,
      OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
    });

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-states-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-states-home-'));
    [gateway, host, browser] = await Promise.all([startGateway(), startHost(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await gateway?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  async function openGeneral(): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'General' }).waitFor();
    await page.getByRole('button', { name: 'Add profile…' }).waitFor();
    return page;
  }

  const editor = (page: Page) => page.getByRole('form', { name: 'Profile editor' });
  const statusHeader = (page: Page) => page.getByRole('region', { name: 'Connection status' });
  const profileItem = (page: Page, name: string) =>
    page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name, exact: true });

  async function waitForState(page: Page, words: string): Promise<void> {
    await statusHeader(page)
      .getByTestId('connection-state')
      .filter({ hasText: new RegExp(`^${words}$`, 'u') })
      .waitFor({ timeout: CONNECT_TIMEOUT_MS });
  }

  async function addDirectProfile(page: Page, name: string, token?: string): Promise<Locator> {
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = editor(page);
    await form.getByLabel('Name').fill(name);
    await form.getByRole('radio', { name: 'Direct URL' }).check();
    await form.getByLabel('Gateway URL').fill(gateway.url);
    if (token !== undefined) await form.getByLabel('Gateway token').fill(token);
    await form.getByRole('button', { name: 'Save' }).click();
    const item = profileItem(page, name);
    await item.waitFor();
    return item;
  }

  /** The error's button leads to the editor's token field; the right token saved there is all it takes. */
  async function fixTokenFromError(page: Page, name: string, token: string): Promise<void> {
    await statusHeader(page).getByRole('alert').getByRole('button', { name: 'Enter the Gateway token' }).click();
    await page.getByRole('dialog', { name: `Edit “${name}”` }).waitFor();
    const form = editor(page);
    const tokenField = form.getByLabel('Gateway token');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await tokenField.getAttribute('id'));
    await tokenField.fill(token);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** The names of the buttons in a part of the page. */
  async function buttonNames(part: Locator): Promise<string[]> {
    return (await part.getByRole('button').allTextContents()).map((text) => text.trim());
  }

  it('a saved token the Gateway refused, with the device token signing in: the warning and its fix, never green', async () => {
    const page = await openGeneral();
    const item = await addDirectProfile(page, 'Stale token', gateway.token);
    // Signed in once with the right token: the Gateway issues this Mac its device token.
    await item.getByRole('button', { name: 'Connect' }).click();
    await waitForState(page, 'Connected');
    expect(await item.locator('.badge.active').textContent()).toBe('Active');

    // About names the Gateway it is connected to.
    await page.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-openclaw-gateway').filter({ hasText: GATEWAY_VERSION }).waitFor();
    await page.getByRole('button', { name: 'General' }).click();

    const header = statusHeader(page);
    await header.getByRole('button', { name: 'Disconnect' }).click();
    await waitForState(page, 'Not connected');
    await page.getByRole('button', { name: 'About' }).click();
    await page.getByTestId('about-openclaw-gateway').filter({ hasText: 'Not connected' }).waitFor();
    await page.getByRole('button', { name: 'General' }).click();

    // A wrong token saved in its place, and Connect: the Gateway refuses it, the device token still signs in.
    await item.getByRole('button', { name: 'Edit' }).click();
    await editor(page)
      .getByLabel('Gateway token')
      .fill(`rotated-away-${gateway.token.slice(0, 6)}`);
    await editor(page).getByRole('button', { name: 'Save' }).click();
    await editor(page).waitFor({ state: 'detached' });
    await item.getByRole('button', { name: 'Connect' }).click();

    await waitForState(page, 'Connected, with a warning');
    expect(await header.getAttribute('data-state')).toBe('degraded');
    expect(await header.locator('.status-dot').getAttribute('class')).not.toContain('tone-good');
    const warning = header.getByRole('alert');
    expect(await warning.getAttribute('data-kind')).toBe('gateway-token-rejected');
    expect(await warning.getAttribute('class')).toContain('warning');
    expect(await warning.textContent()).toContain(
      'Connected with this Mac’s device token; the saved Gateway token was rejected.',
    );
    // Connected, so the Gateway's version shows; its one action is Disconnect, and the row says Warning, not Active.
    expect(await header.getByTestId('status-gateway').textContent()).toBe(`OpenClaw ${GATEWAY_VERSION}`);
    expect(await buttonNames(header.locator('.status-buttons'))).toEqual(['Disconnect']);
    expect(await item.locator('.badge.state-busy').textContent()).toBe('Warning');
    expect(await item.locator('.badge').allTextContents()).not.toContain('Active');
    expect(await buttonNames(item.locator('.profile-buttons'))).not.toContain('Connect');
    expect(await buttonNames(item.locator('.profile-buttons'))).toContain('Disconnect');

    // The fix: the right token in the field the warning's button leads to, and the warning goes by itself.
    await fixTokenFromError(page, 'Stale token', gateway.token);
    await waitForState(page, 'Connected');
    await header.getByRole('alert').waitFor({ state: 'detached' });
    expect(await item.locator('.badge.active').textContent()).toBe('Active');
    const content = await page.content();
    expect(content).not.toContain(gateway.token);
    expect(host.output()).not.toContain(gateway.token);

    await header.getByRole('button', { name: 'Disconnect' }).click();
    await waitForState(page, 'Not connected');
    await page.close();
  });

  it('saving the token a "needs a token" error asked for connects without pressing Connect', async () => {
    const page = await openGeneral();
    const item = await addDirectProfile(page, 'No token yet');
    await item.getByRole('button', { name: 'Connect' }).click();
    await waitForState(page, 'Cannot connect');
    const header = statusHeader(page);
    const error = header.getByRole('alert');
    expect(await error.getAttribute('data-kind')).toBe('gateway-token-missing');
    // Failed: one way on (Retry now), never Connect and Disconnect at once; the row says Failed, not Active.
    const headerButtons = await buttonNames(header.locator('.status-buttons'));
    expect(headerButtons).toEqual(['Retry now']);
    expect(await item.locator('.badge').allTextContents()).not.toContain('Active');
    expect(await item.locator('.badge.state-bad').textContent()).toBe('Failed');
    const rowButtons = await buttonNames(item.locator('.profile-buttons'));
    expect(rowButtons).toContain('Retry now');
    expect(rowButtons).not.toContain('Connect');
    expect(rowButtons).not.toContain('Disconnect');

    await fixTokenFromError(page, 'No token yet', gateway.token);
    // No Connect pressed: saving the token the error asked for is what connects.
    await waitForState(page, 'Connected');
    await header.getByRole('alert').waitFor({ state: 'detached' });
    await item.filter({ hasText: 'Token stored' }).waitFor();
    expect(await page.content()).not.toContain(gateway.token);

    await header.getByRole('button', { name: 'Disconnect' }).click();
    await waitForState(page, 'Not connected');
    await page.close();
  });

  /**
   * The problems main answers the page's `settings:problems` with, read off the bridge's WebSocket: once it is in, the
   * notice shows or not, so its absence means something.
   */
  function problemsAnswer(page: Page): Promise<{ kind: string }[]> {
    return new Promise((resolve) => {
      page.on('websocket', (socket) => {
        let asked: number | undefined;
        socket.on('framesent', ({ payload }) => {
          const frame = JSON.parse(String(payload)) as { type: string; id: number; channel: string };
          if (frame.type === 'invoke' && frame.channel === 'settings:problems') asked = frame.id;
        });
        socket.on('framereceived', ({ payload }) => {
          const frame = JSON.parse(String(payload)) as { type: string; id?: number; result?: { value?: unknown } };
          if (frame.type === 'result' && asked !== undefined && frame.id === asked) {
            resolve(frame.result?.value as { kind: string }[]);
          }
        });
      });
    });
  }

  /** After the next frame React has drawn: whatever the last answer changed is on the page. */
  // A string, as the tests are compiled without the DOM's types.
  const drawn = (page: Page) => page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');

  it('a dismissed settings problem stays dismissed after a reload and a restart', async () => {
    const notice = (on: Page) => on.getByRole('region', { name: 'Problems with your settings' });
    let page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    let answer = problemsAnswer(page);
    await page.goto(host.url);
    // The browser host keeps secrets in a user-only file, and says so.
    expect((await answer).map((problem) => problem.kind)).toContain('secrets-unencrypted');
    await notice(page).locator('[data-kind="secrets-unencrypted"]').waitFor();
    await notice(page).getByRole('button', { name: 'Dismiss' }).click();
    await notice(page).waitFor({ state: 'detached' });

    answer = problemsAnswer(page);
    await page.reload();
    expect(await answer).toEqual([]);
    await drawn(page);
    expect(await notice(page).count()).toBe(0);
    await page.close();

    await host.stop();
    host = await startHost();
    page = await browser.newPage();
    answer = problemsAnswer(page);
    await page.goto(host.url);
    expect(await answer).toEqual([]);
    await page.getByRole('heading', { name: 'General' }).waitFor();
    await drawn(page);
    expect(await notice(page).count()).toBe(0);
    await page.close();
  });
});
