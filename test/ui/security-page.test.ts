// The Security page in real Chromium through the browser host, against a real sshd: a host whose key changed is
// refused; its "Open Security" lands on the host key with both fingerprints; Forget (after the confirmation shows
// the exact line) removes only that line, and the next connect asks to trust the new key in the prompt dialog; the
// device id, the token's state and the checklist's fix beside a miss.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { freePort } from '../fixtures/free-port';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd } from '../fixtures/sshd';
import { lookInBoth } from '../fixtures/look';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const run = promisify(execFile);
const usable =
  peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium') &&
  peerAvailable('OpenSSH server', sshdMissing(), 'Install it with: apt-get install openssh-server');

/** OpenSSH's SHA256 fingerprint of a public key line (`ssh-ed25519 AAAA…`), as `ssh-keygen -lf` prints it. */
function fingerprintOf(publicKey: string): string {
  const blob = Buffer.from(publicKey.split(' ')[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Waits up to this long for what needs the SSH server (a handshake on a loaded machine). */
const CONNECT_TIMEOUT_MS = 30_000;

describe.skipIf(!usable)('Security page against a real sshd', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let dataDir: string;
  /** The home the browser host sees: its ~/.ssh/known_hosts, never the developer's. */
  let home: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-security-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-security-home-'));
    [host, browser] = await Promise.all([
      startWebHostProcess(dataDir, { HOME: home, OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json') }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  function statusHeader(page: Page): Locator {
    return page.getByRole('region', { name: 'Connection status' });
  }

  it('shows both fingerprints of a changed host key, and after Forget the next connect asks to trust the new one', async () => {
    const sshd = await startSshd();
    try {
      const knownHosts = path.join(home, '.ssh', 'known_hosts');
      const otherHost = `other.example.com ${sshd.clientPublicKey}`;
      await mkdir(path.dirname(knownHosts), { recursive: true, mode: 0o700 });
      // Trusted before, with a comment and another host that must both survive the forgetting.
      await writeFile(knownHosts, `# kept\n${otherHost}\n[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`, {
        mode: 0o600,
      });
      const trusted = fingerprintOf(sshd.hostPublicKey);
      // The server is reinstalled with a new host key.
      await rm(sshd.hostKeyPath);
      await rm(`${sshd.hostKeyPath}.pub`);
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', sshd.hostKeyPath]);
      const newKey = (await readFile(`${sshd.hostKeyPath}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ');
      const presented = fingerprintOf(newKey);
      await sshd.restart();

      // A context of its own: axe runs its checks in a second page of the same context.
      const context = await browser.newContext({ viewport: { width: 980, height: 700 } });
      const page = await context.newPage();
      page.on('close', () => void context.close());
      page.setDefaultTimeout(10_000);
      await page.goto(host.url);
      await page.getByRole('button', { name: 'Add profile…' }).click();
      const form = page.getByRole('form', { name: 'Profile editor' });
      await form.getByLabel('Name').fill('Reinstalled');
      await form.getByRole('radio', { name: 'Remote over SSH' }).check();
      await form.getByLabel('SSH target').fill(`${sshd.user}@127.0.0.1`);
      await form.getByLabel('SSH port').fill(String(sshd.port));
      await form.getByLabel('Identity file').fill(sshd.clientKeyPath);
      await form.getByLabel('Local port', { exact: true }).fill('0');
      await form.getByLabel('Remote Gateway port').fill(String(await freePort()));
      await form.getByRole('button', { name: 'Save' }).click();
      const item = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'Reinstalled' });
      await item.getByRole('button', { name: 'Connect' }).click();

      // Refused, and the error's one fix leads to the Security page's host key.
      const error = statusHeader(page).getByRole('alert');
      await error.and(page.locator('[data-kind="host-key-changed"]')).waitFor({ timeout: CONNECT_TIMEOUT_MS });
      await error.getByRole('button', { name: 'Open Security' }).click();
      await page.getByRole('heading', { name: 'Security' }).waitFor();
      const changed = page.getByRole('alert', { name: 'The host key has changed' });
      await changed.waitFor();
      expect(await changed.getByTestId('trusted-fingerprint').textContent()).toBe(trusted);
      expect(await changed.getByTestId('presented-fingerprint').textContent()).toBe(presented);
      // Landed on the host key: its heading has the focus (`:focus` matches only the focused element).
      await page.locator('h3:focus', { hasText: 'SSH host key' }).waitFor();

      // The confirmation names exactly the line that goes; Cancel changes nothing.
      await page.getByRole('button', { name: 'Forget this host key…' }).click();
      const confirm = page.getByRole('group', { name: 'Forget this host key?' });
      const toRemove = confirm.getByRole('list', { name: 'Lines to remove' }).getByRole('listitem');
      expect(await toRemove.count()).toBe(1);
      expect(await lookInBoth(page, 'security-changed-host-key', { fullPage: true })).toEqual([]);
      const shown = await toRemove.textContent();
      expect(shown).toContain(trusted);
      expect(shown).toContain(`${knownHosts}, line 3`);
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect(await readFile(knownHosts, 'utf8')).toContain(sshd.hostPublicKey);
      await page.getByRole('button', { name: 'Forget this host key…' }).click();
      await confirm.getByRole('button', { name: 'Forget' }).click();
      const done = page.getByRole('status').filter({ hasText: 'Forgot 1 known_hosts line.' });
      await done.waitFor();
      expect(await readFile(knownHosts, 'utf8')).toBe(`# kept\n${otherHost}\n`);
      await page.getByText(`No known_hosts line names [127.0.0.1]:${sshd.port}`).waitFor();
      expect(await changed.count()).toBe(0);

      // The next connect asks about the new key as about any host never seen.
      await done.getByRole('button', { name: 'Connect' }).click();
      const dialog = page.getByRole('dialog', { name: 'Unknown SSH host' });
      await dialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
      expect(await dialog.getByTestId('prompt-fingerprint').textContent()).toBe(presented);
      // The question sheet, like every sheet: readable in light and dark, and on record as a screenshot.
      expect(await lookInBoth(page, 'sheet-host-key-prompt', { include: 'dialog' })).toEqual([]);
      await dialog.getByRole('button', { name: 'Trust', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page
        .getByRole('list', { name: 'Trusted host keys' })
        .getByText(presented)
        .waitFor({ timeout: CONNECT_TIMEOUT_MS });
      expect(await readFile(knownHosts, 'utf8')).toContain(newKey.split(' ')[1]);

      // The rest of the page for this profile: this Mac's device id, no token yet, and the checklist's fix for it.
      expect(await page.getByTestId('device-id').textContent()).toMatch(/^[0-9a-f]{64}$/u);
      expect(await page.getByTestId('token-age').textContent()).toBe('No Gateway token is stored for this profile.');
      const tokenCheck = page.getByRole('list', { name: 'Checklist' }).getByRole('listitem', {
        name: 'A Gateway token is set',
      });
      expect(await tokenCheck.getByTestId('check-status').textContent()).toBe('Missed');
      await tokenCheck.getByRole('button', { name: 'Enter the Gateway token' }).click();
      await page.getByRole('heading', { name: 'Edit “Reinstalled”' }).waitFor();
      await page.locator('input:focus').and(page.getByLabel('Gateway token')).waitFor();
      await page.close();
    } finally {
      await sshd.stop();
    }
  });
});
