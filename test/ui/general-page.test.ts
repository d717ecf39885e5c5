// Settings → General in real Chromium, through the real built browser host, against a REAL OpenClaw Gateway with
// token auth on loopback: a Direct URL profile is added in the editor and connected (state, Gateway version and
// latency in the status header), disconnected, and a wrong
// token leads from the error's button to the editor's token field (in its sheet). Every refused field says why beside
// itself. Over a
// real sshd, the unknown host key is asked about in the prompt dialog, and Fetch from host stores the token the host's
// OpenClaw config holds. No token ever reaches the page's DOM or the log.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insecureUrlWarning } from '../../electron/shared/gateway-url';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import {
  ensureGatewayInstalled,
  GATEWAY_VERSION,
  gatewayMissing,
  startGateway,
  type Gateway,
} from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd } from '../fixtures/sshd';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const run = promisify(execFile);
const usable =
  peerAvailable('Chromium', chromiumMissing(), HOW_TO_GET.chromium) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);
const sshdUsable = usable && peerAvailable('OpenSSH server', sshdMissing(), HOW_TO_GET.sshd);

/** OpenSSH's SHA256 fingerprint of a public key line (`ssh-ed25519 AAAA…`), as `ssh-keygen -lf` prints it. */
function fingerprintOf(publicKey: string): string {
  const blob = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 30_000;

describe.skipIf(!usable)('General page against a real Gateway', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let dataDir: string;
  /** The home the browser host sees: its ~/.ssh/known_hosts and ~/.openclaw, never the developer's. */
  let home: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-general-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-general-home-'));
    [gateway, host, browser] = await Promise.all([
      startGateway(),
      startWebHostProcess(dataDir, {
        HOME: home,
        // Not there: the first-run import offer has nothing to read, whatever the developer's environment names.
        OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
      }),
      launchChromium(),
    ]);
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
    // Everything but reaching the Gateway happens at once; a failure should say so quickly.
    page.setDefaultTimeout(10_000);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'General' }).waitFor();
    await page.getByRole('button', { name: 'Add profile…' }).waitFor();
    return page;
  }

  function editor(page: Page): Locator {
    return page.getByRole('form', { name: 'Profile editor' });
  }

  function profileItem(page: Page, name: string): Locator {
    return page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name, exact: true });
  }

  /** The names in the profiles list, in order ([] when there is none). */
  async function profileNames(page: Page): Promise<string[]> {
    const list = page.getByRole('list', { name: 'Profiles' });
    if ((await list.count()) === 0) return [];
    const items = await list.getByRole('listitem').all();
    return Promise.all(items.map(async (item) => (await item.getAttribute('aria-label')) ?? ''));
  }

  async function addDirectProfile(page: Page, name: string, url: string, token?: string): Promise<void> {
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = editor(page);
    await form.getByLabel('Name').fill(name);
    await form.getByRole('radio', { name: 'Direct URL' }).check();
    await form.getByLabel('Gateway URL').fill(url);
    if (token !== undefined) await form.getByLabel('Gateway token').fill(token);
    await form.getByRole('button', { name: 'Save' }).click();
  }

  function statusHeader(page: Page): Locator {
    return page.getByRole('region', { name: 'Connection status' });
  }

  async function waitForState(page: Page, words: string): Promise<void> {
    await statusHeader(page)
      .getByTestId('connection-state')
      .filter({ hasText: new RegExp(`^${words}$`) })
      .waitFor({ timeout: CONNECT_TIMEOUT_MS });
  }

  it('adds a Direct URL profile with its token, connects to the Gateway and disconnects', async () => {
    const page = await openGeneral();
    await waitForState(page, 'Not connected');
    await addDirectProfile(page, 'Loopback Gateway', gateway.url, gateway.token);

    const item = profileItem(page, 'Loopback Gateway');
    await item.waitFor();
    expect(await item.textContent()).toContain(`Direct ${gateway.url}`);
    expect(await item.textContent()).toContain('Token stored');
    expect(await editor(page).count()).toBe(0);
    expect(await page.content()).not.toContain(gateway.token);

    await item.getByRole('button', { name: 'Connect' }).click();
    await waitForState(page, 'Connected');
    const header = statusHeader(page);
    await header.getByTestId('status-gateway').filter({ hasText: GATEWAY_VERSION }).waitFor();
    await header
      .getByTestId('status-latency')
      .filter({ hasText: /^\d+ ms$/ })
      .waitFor({ timeout: CONNECT_TIMEOUT_MS });
    expect(await header.getByTestId('status-profile').textContent()).toBe('Loopback Gateway');
    expect(await header.getByTestId('status-route').textContent()).toBe(`Direct ${gateway.url}`);
    expect(await header.getByTestId('status-connected-since').count()).toBe(1);
    expect(await page.content()).not.toContain(gateway.token);

    await header.getByRole('button', { name: 'Disconnect' }).click();
    await waitForState(page, 'Not connected');
    expect(await header.getByTestId('status-latency').count()).toBe(0);
    expect(await header.getByRole('button', { name: 'Connect' }).isEnabled()).toBe(true);

    // A fresh page reads everything from main again: the profile is saved there, still without its token.
    await page.reload();
    await profileItem(page, 'Loopback Gateway').waitFor();
    expect(await page.content()).not.toContain(gateway.token);
    expect(host.output()).not.toContain(gateway.token);
    await page.close();
  });

  /** The sentences the page reads out for a field's input (its aria-describedby), whether it is marked invalid. */
  async function describedAs(page: Page, field: Locator): Promise<{ invalid: boolean; description: string }> {
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter((id) => id !== '');
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return { invalid: (await field.getAttribute('aria-invalid')) === 'true', description: texts.join(' ') };
  }

  it('shows every refused field’s own sentence beside it, keeps what was typed, and saves nothing', async () => {
    const page = await openGeneral();
    const before = await profileNames(page);

    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = editor(page);
    await form.getByRole('radio', { name: 'Remote over SSH' }).check();
    // The browser host has no native open panel: the identity file is typed, and no Choose… button offers one.
    await form.getByLabel('Identity file').waitFor();
    expect(await form.getByRole('button', { name: 'Choose…' }).count()).toBe(0);
    await form.getByLabel('Remote Gateway port').fill('70000');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByTestId('save-error').filter({ hasText: 'Nothing was saved: 3 fields need correcting' }).waitFor();

    const expected: [string, string][] = [
      ['Name', 'The profile name is empty.'],
      ['SSH target', 'The SSH target is empty.'],
      ['Remote Gateway port', 'The remote Gateway port must be a whole number from 1 to 65535.'],
    ];
    for (const [label, sentence] of expected) {
      const field = form.getByLabel(label, { exact: true });
      const { invalid, description } = await describedAs(page, field);
      expect(invalid, label).toBe(true);
      expect(description, label).toContain(sentence);
      // Beside its own field, and only there.
      expect(await form.getByTestId('field-problems').filter({ hasText: sentence }).count(), label).toBe(1);
    }
    expect(await form.getByTestId('field-problems').count()).toBe(3);
    expect(await describedAs(page, form.getByLabel('SSH port'))).toMatchObject({ invalid: false });
    // The cursor is in the first field to correct, and what was typed stays.
    expect(await page.locator(':focus').getAttribute('id')).toBe(await form.getByLabel('Name').getAttribute('id'));
    expect(await form.getByLabel('Remote Gateway port').inputValue()).toBe('70000');

    // Correcting a field and saving again leaves only what is still wrong.
    await form.getByLabel('Name').fill('Port out of range');
    await form.getByLabel('SSH target').fill('alice@gateway-host.example');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByTestId('save-error').filter({ hasText: 'one field needs correcting' }).waitFor();
    expect(await form.getByTestId('field-problems').allTextContents()).toEqual([
      'The remote Gateway port must be a whole number from 1 to 65535.',
    ]);
    expect(await describedAs(page, form.getByLabel('Name'))).toMatchObject({ invalid: false });

    // ws:// to a public host: the warning shows while typing, and Save without accepting it is refused by main.
    await form.getByLabel('Name').fill('Public in the clear');
    await form.getByRole('radio', { name: 'Direct URL' }).check();
    await form.getByLabel('Gateway URL').fill('ws://gateway.example.com:18789');
    const warning = insecureUrlWarning('gateway.example.com');
    await form.getByRole('alert').filter({ hasText: warning }).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    // Refused at the URL field, which points at the warning rather than saying it twice.
    await form.getByTestId('save-error').filter({ hasText: 'one field needs correcting' }).waitFor();
    const url = await describedAs(page, form.getByLabel('Gateway URL'));
    expect(url.invalid).toBe(true);
    expect(url.description).toContain(warning);
    expect(await form.getByTestId('field-problems').count()).toBe(0);

    await page.reload();
    await page.getByRole('button', { name: 'Add profile…' }).waitFor();
    expect(await profileNames(page)).toEqual(before);

    // Accepting the risk explicitly is what lets the same profile be saved.
    await addDirectProfileAcceptingRisk(page, 'Public in the clear', 'ws://gateway.example.com:18789');
    await profileItem(page, 'Public in the clear').waitFor();
    expect(await profileNames(page)).toEqual([...before, 'Public in the clear']);

    // Remove asks once more, in a sheet, before it removes.
    const item = profileItem(page, 'Public in the clear');
    await item.getByRole('button', { name: 'Remove…' }).click();
    await page
      .getByRole('dialog', { name: 'Remove “Public in the clear”?' })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await item.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('button', { name: 'Add profile…' }).waitFor();
    expect(await profileNames(page)).toEqual(before);
    await page.close();
  });

  async function addDirectProfileAcceptingRisk(page: Page, name: string, url: string): Promise<void> {
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const form = editor(page);
    await form.getByLabel('Name').fill(name);
    await form.getByRole('radio', { name: 'Direct URL' }).check();
    await form.getByLabel('Gateway URL').fill(url);
    await form.getByRole('checkbox', { name: 'I understand the risk' }).check();
    await form.getByRole('button', { name: 'Save' }).click();
  }

  it('shows a wrong token as the token mismatch, and its button opens the editor at the token field', async () => {
    // A Gateway of its own: the first one has issued this app a device token, which would stand in for a wrong token.
    const other = await startGateway();
    const wrongToken = `not-the-token-${other.token.slice(0, 8)}`;
    try {
      const page = await openGeneral();
      await addDirectProfile(page, 'Wrong token', other.url, wrongToken);
      const item = profileItem(page, 'Wrong token');
      await item.waitFor();
      await item.getByRole('button', { name: 'Connect' }).click();

      await waitForState(page, 'Cannot connect');
      const header = statusHeader(page);
      const error = header.getByRole('alert');
      await error.filter({ hasText: 'The Gateway rejected the token' }).waitFor();
      expect(await error.getAttribute('data-kind')).toBe('gateway-token-mismatch');

      await error.getByRole('button', { name: 'Enter the Gateway token' }).click();
      const form = editor(page);
      await page.getByRole('dialog', { name: 'Edit “Wrong token”' }).waitFor();
      const tokenField = form.getByLabel('Gateway token');
      expect(await page.locator(':focus').getAttribute('id')).toBe(await tokenField.getAttribute('id'));
      // Never prefilled: the field is empty and says a token is kept.
      expect(await tokenField.inputValue()).toBe('');
      expect(await form.textContent()).toContain('A token is stored; leave empty to keep it.');

      // Fixing the token from there connects, without pressing Connect.
      await tokenField.fill(other.token);
      await form.getByRole('button', { name: 'Save' }).click();
      await editor(page).waitFor({ state: 'detached' });
      await waitForState(page, 'Connected');

      const content = await page.content();
      expect(content).not.toContain(other.token);
      expect(content).not.toContain(wrongToken);
      expect(host.output()).not.toContain(other.token);
      expect(host.output()).not.toContain(wrongToken);

      await header.getByRole('button', { name: 'Disconnect' }).click();
      await waitForState(page, 'Not connected');
      await page.close();
    } finally {
      await other.stop();
    }
    // It starts a Gateway of its own, which on a loaded 2-core machine can take most of a minute.
  }, 180_000);
  it.skipIf(!sshdUsable)(
    'asks about an unknown SSH host key in a dialog, and connects through the tunnel once trusted',
    async () => {
      const sshd = await startSshd();
      try {
        const page = await openGeneral();
        await page.getByRole('button', { name: 'Add profile…' }).click();
        const form = editor(page);
        await form.getByLabel('Name').fill('Over SSH');
        await form.getByRole('radio', { name: 'Remote over SSH' }).check();
        await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
        await form.getByLabel('SSH port').fill(String(sshd.port));
        await form.getByLabel('Identity file').fill(sshd.clientKeyPath);
        await form.getByLabel('Local port', { exact: true }).fill('0');
        await form.getByLabel('Remote Gateway port').fill(String(gateway.port));
        await form.getByLabel('Gateway token').fill(gateway.token);
        await form.getByRole('button', { name: 'Save' }).click();
        const item = profileItem(page, 'Over SSH');
        await item.waitFor();

        // Refused: the dialog goes, and the connection stops at the refused key with a way to the profile.
        await item.getByRole('button', { name: 'Connect' }).click();
        const dialog = page.getByRole('dialog', { name: 'Unknown SSH host' });
        await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
        expect(await dialog.getByTestId('prompt-fingerprint').textContent()).toBe(fingerprintOf(sshd.hostPublicKey));
        expect(await dialog.textContent()).toContain(`The authenticity of host ‘[127.0.0.1]:${sshd.port}’`);
        expect(await dialog.textContent()).toContain(path.join(home, '.ssh', 'known_hosts'));
        await dialog.getByRole('button', { name: 'Don’t trust' }).click();
        await dialog.waitFor({ state: 'detached' });
        await waitForState(page, 'Cannot connect');
        const error = statusHeader(page).getByRole('alert');
        expect(await error.getAttribute('data-kind')).toMatch(/^host-key/);
        await error.getByRole('button', { name: 'Edit profile' }).click();
        await page.getByRole('dialog', { name: 'Edit “Over SSH”' }).waitFor();
        await editor(page).getByRole('button', { name: 'Cancel' }).click();

        // Trusted: recorded where the dialog said, and the Gateway answers through the tunnel. The failed profile's
        // row offers Retry now rather than Connect.
        await item.getByRole('button', { name: 'Retry now' }).click();
        await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
        await dialog.getByRole('button', { name: 'Trust', exact: true }).click();
        await waitForState(page, 'Connected');
        const header = statusHeader(page);
        await header.getByTestId('status-gateway').filter({ hasText: GATEWAY_VERSION }).waitFor();
        expect(await header.getByTestId('status-route').textContent()).toMatch(
          new RegExp(`^SSH tunnel to ${sshd.user}@127\\.0\\.0\\.1, local port \\d+$`),
        );
        const knownHosts = await readFile(path.join(home, '.ssh', 'known_hosts'), 'utf8');
        expect(knownHosts).toContain(sshd.hostPublicKey.split(' ')[1]);
        expect(await page.content()).not.toContain(gateway.token);

        await header.getByRole('button', { name: 'Disconnect' }).click();
        await waitForState(page, 'Not connected');
        await page.close();
      } finally {
        await sshd.stop();
      }
    },
  );

  it.skipIf(!sshdUsable)(
    'fetches the token from the host’s OpenClaw config over SSH, never showing it, and connects with it',
    async () => {
      // A Gateway of its own, so no device token from the other tests stands in for the fetched one.
      const other = await startGateway();
      // The host's config, where its user's login environment points (sshd's SetEnv), never this machine's ~/.openclaw.
      const hostDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-fetch-host-'));
      const configPath = path.join(hostDir, 'openclaw.json');
      await writeFile(
        configPath,
        `{ gateway: { port: ${other.port}, auth: { mode: 'token', token: '${other.token}' } } }`,
      );
      const sshd = await startSshd({
        extraConfig: [`SetEnv OPENCLAW_CONFIG_PATH=${configPath}`, 'Subsystem sftp internal-sftp'],
      });
      try {
        const page = await openGeneral();
        await page.getByRole('button', { name: 'Add profile…' }).click();
        const form = editor(page);
        await form.getByLabel('Name').fill('Fetched token');
        await form.getByRole('radio', { name: 'Remote over SSH' }).check();
        await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
        await form.getByLabel('SSH port').fill(String(sshd.port));
        await form.getByLabel('Identity file').fill(sshd.clientKeyPath);
        await form.getByLabel('Local port', { exact: true }).fill('0');
        // Not saved yet: the button saves the profile as shown (no token), then fetches, and the editor stays open.
        await form.getByRole('button', { name: 'Fetch from host' }).click();
        const item = profileItem(page, 'Fetched token');
        await item.waitFor();
        await page.getByRole('dialog', { name: 'Edit “Fetched token”' }).waitFor();
        // Signing in to an unknown host asks about its key, as connecting does.
        const dialog = page.getByRole('dialog', { name: 'Unknown SSH host' });
        await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
        await dialog.getByRole('button', { name: 'Trust', exact: true }).click();
        await form
          .getByTestId('fetch-outcome')
          .filter({ hasText: `Token stored (from ${configPath} on the host)` })
          .waitFor({ timeout: CONNECT_TIMEOUT_MS });
        // The port came along; the token field says a token is stored and stays empty.
        expect(await form.getByLabel('Remote Gateway port').inputValue()).toBe(String(other.port));
        expect(await form.getByLabel('Gateway token').inputValue()).toBe('');
        expect(await form.textContent()).toContain('A token is stored; leave empty to keep it.');
        expect(await page.content()).not.toContain(other.token);

        await form.getByRole('button', { name: 'Cancel' }).click();
        await item.filter({ hasText: 'Token stored' }).waitFor();
        await item.getByRole('button', { name: 'Connect' }).click();
        await waitForState(page, 'Connected');
        expect(await statusHeader(page).getByTestId('status-profile').textContent()).toBe('Fetched token');
        expect(await page.content()).not.toContain(other.token);
        expect(host.output()).not.toContain(other.token);

        await statusHeader(page).getByRole('button', { name: 'Disconnect' }).click();
        await waitForState(page, 'Not connected');
        await page.close();
      } finally {
        await sshd.stop();
        await other.stop();
        await rm(hostDir, { recursive: true, force: true });
      }
    },
    // It starts a Gateway and an sshd of its own, which on a loaded 2-core machine can take most of a minute.
    180_000,
  );

  it.skipIf(!sshdUsable)(
    'asks for an encrypted key’s passphrase, and remembers it for the next connect when told to',
    async () => {
      const keyDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-key-'));
      const keyFile = path.join(keyDir, 'id_ed25519');
      const passphrase = 'open sesame 42';
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', keyFile]);
      const sshd = await startSshd({ authorizedKeys: [await readFile(`${keyFile}.pub`, 'utf8')] });
      try {
        // Trusted beforehand, so the only question is the passphrase.
        await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
        await writeFile(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`, {
          flag: 'a',
        });
        const page = await openGeneral();
        await page.getByRole('button', { name: 'Add profile…' }).click();
        const form = editor(page);
        await form.getByLabel('Name').fill('Encrypted key');
        await form.getByRole('radio', { name: 'Remote over SSH' }).check();
        await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
        await form.getByLabel('SSH port').fill(String(sshd.port));
        await form.getByLabel('Identity file').fill(keyFile);
        await form.getByLabel('Local port', { exact: true }).fill('0');
        await form.getByLabel('Remote Gateway port').fill(String(gateway.port));
        await form.getByLabel('Gateway token').fill(gateway.token);
        await form.getByRole('button', { name: 'Save' }).click();
        const item = profileItem(page, 'Encrypted key');
        await item.waitFor();

        await item.getByRole('button', { name: 'Connect' }).click();
        const dialog = page.getByRole('dialog', { name: 'Passphrase needed' });
        await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
        expect(await dialog.textContent()).toContain(keyFile);
        await dialog.getByLabel('Passphrase').fill(passphrase);
        await dialog.getByRole('checkbox', { name: /Remember it for this profile/u }).check();
        await dialog.getByRole('button', { name: 'OK' }).click();
        await waitForState(page, 'Connected');
        const header = statusHeader(page);
        await header.getByRole('button', { name: 'Disconnect' }).click();
        await waitForState(page, 'Not connected');

        // A new connection, a new SSH login: the remembered passphrase opens the key without a question.
        await item.getByRole('button', { name: 'Connect' }).click();
        await waitForState(page, 'Connected');
        expect(await dialog.count()).toBe(0);
        expect(await page.content()).not.toContain(passphrase);
        await header.getByRole('button', { name: 'Disconnect' }).click();
        await waitForState(page, 'Not connected');
        await page.close();
      } finally {
        await sshd.stop();
        await rm(keyDir, { recursive: true, force: true });
      }
    },
  );
});
