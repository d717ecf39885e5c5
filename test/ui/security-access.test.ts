// Settings → Security, the SSH key and who gets in, in real Chromium through the built browser host against a real
// sshd that takes no passwords and a real OpenClaw Gateway: connected with a first key, a key generated in the page
// (with a passphrase typed twice, then one without) and installed on the host lets the next connect sign in with that
// key alone, as sshd's own log says; installing twice leaves one line; who gets in lists the Gateway's clients and
// says which scope its device list needs. No passphrase ever reaches the page's DOM after it is used, or the log.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from '../fixtures/chromium';
import { ensureGatewayInstalled, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { startWebHostProcess, type WebHostProcess } from '../fixtures/web-host-process';

const usable =
  peerAvailable('Chromium', chromiumMissing(), 'Install it with: apt-get install chromium') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh') &&
  peerAvailable('OpenSSH server', sshdMissing(), 'Install it with: apt-get install openssh-server');

/** Waits up to this long for a state the Gateway has to be reached for. */
const CONNECT_TIMEOUT_MS = 60_000;

function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

describe.skipIf(!usable)('Security: SSH key and who gets in', () => {
  let browser: Browser;
  let host: WebHostProcess;
  let gateway: Gateway;
  let sshd: Sshd;
  let dataDir: string;
  /** The home the browser host sees: its ~/.ssh, never the developer's. */
  let home: string;
  /** The host user's home as sshd's SFTP and authorized_keys see it. */
  let hostHome: string;
  let authorizedKeys: string;

  beforeAll(async () => {
    await ensureGatewayInstalled();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-security-'));
    home = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-security-home-'));
    hostHome = await mkdtemp(path.join(os.tmpdir(), 'ocr-ui-security-host-'));
    authorizedKeys = path.join(hostHome, '.ssh', 'authorized_keys');
    const env: NodeJS.ProcessEnv = {
      HOME: home,
      OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
    };
    [gateway, host, browser, sshd] = await Promise.all([
      startGateway(),
      startWebHostProcess(dataDir, env),
      launchChromium(),
      // The fixture's sshd takes keys only (PasswordAuthentication no), from the host home's authorized_keys.
      startSshd({
        extraConfig: [`AuthorizedKeysFile ${authorizedKeys}`, `Subsystem sftp internal-sftp -d ${hostHome}`],
      }),
    ]);
    await mkdir(path.join(hostHome, '.ssh'), { mode: 0o700 });
    await writeFile(authorizedKeys, `${sshd.clientPublicKey} first-login\n`, { mode: 0o600 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sshd?.stop();
    await gateway?.stop();
    for (const dir of [dataDir, home, hostHome]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  function keySection(page: Page): Locator {
    return page.getByRole('region', { name: 'SSH key' });
  }

  function whoSection(page: Page): Locator {
    return page.getByRole('region', { name: 'Who gets in' });
  }

  /** Whether sshd's log says it let someone in with the key of `publicKeyLine`. */
  async function sshdAccepted(publicKeyLine: string): Promise<boolean> {
    const accepted = /^Accepted publickey for \S+ from 127\.0\.0\.1 port \d+ ssh2: ED25519 (\S+)$/;
    const lines = (await readFile(sshd.logPath, 'utf8')).split('\n');
    return lines.some((line) => accepted.exec(line.trim())?.[1] === fingerprintOf(publicKeyLine));
  }

  /** Waits until the connection is up again and sshd has let the app in with the key of `publicKeyLine`. */
  async function signedInWith(page: Page, publicKeyLine: string): Promise<void> {
    await whoSection(page).getByRole('button', { name: 'Refresh' }).waitFor({ timeout: CONNECT_TIMEOUT_MS });
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (!(await sshdAccepted(publicKeyLine)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await sshdAccepted(publicKeyLine), (await readFile(sshd.logPath, 'utf8')).slice(-2000)).toBe(true);
  }

  async function generate(page: Page, passphrase: string): Promise<string> {
    const section = keySection(page);
    await section.getByRole('button', { name: 'Generate a new Ed25519 key…' }).click();
    const form = section.getByRole('form', { name: 'New SSH key' });
    if (passphrase) {
      await form.getByLabel('Passphrase (optional)').fill(passphrase);
      await form.getByLabel('Passphrase again').fill(`${passphrase}x`);
      // Two different passphrases are said beside the field, and nothing is generated.
      await form.getByText('The two passphrases differ; type the same one twice.').waitFor();
      expect(await form.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
      await form.getByLabel('Passphrase again').fill(passphrase);
    }
    await form.getByRole('button', { name: 'Generate' }).click();
    const outcome = section.getByTestId('generated-key');
    await outcome.waitFor();
    const written = /~\/\.ssh\/\S+?(?=;)/.exec((await outcome.textContent()) ?? '')?.[0] ?? '';
    expect(written).toMatch(/^~\/\.ssh\/id_ed25519/);
    // The section now shows the new key as the profile's.
    await section.getByTestId('ssh-key-file').filter({ hasText: written }).waitFor();
    await section.getByTestId('ssh-key-type').filter({ hasText: 'ssh-ed25519, 256 bits' }).waitFor();
    await section.getByTestId('ssh-key-age').filter({ hasText: '0 days' }).waitFor();
    return written;
  }

  it(
    'a key generated and installed in the page signs the next connect in; installing twice leaves one line',
    async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
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
      await form.getByLabel('Gateway token').fill(gateway.token);
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('list', { name: 'Profiles' }).getByRole('listitem', { name: 'Studio' }).waitFor();

      await page
        .getByRole('navigation', { name: 'Settings sections' })
        .getByRole('button', { name: 'Security' })
        .click();
      await page.getByRole('heading', { name: 'Security' }).waitFor();
      // The profile's own identity file, before anything is generated.
      await keySection(page).getByTestId('ssh-key-file').filter({ hasText: sshd.clientKeyPath }).waitFor();

      // Not connected: installing says to connect first, with the button that does.
      await keySection(page).getByRole('button', { name: 'Install my public key on the host' }).click();
      const connectFirst = keySection(page).getByTestId('connect-first');
      await connectFirst.waitFor();
      await connectFirst.getByRole('button', { name: 'Connect' }).click();
      const hostDialog = page.getByRole('dialog', { name: 'Unknown SSH host' });
      await hostDialog.waitFor({ timeout: CONNECT_TIMEOUT_MS });
      await hostDialog.getByRole('button', { name: 'Trust', exact: true }).click();

      // Who gets in fills in once connected: this app among the Gateway's clients, the device list's missing scope.
      const who = whoSection(page);
      await who.getByRole('list', { name: 'Connected to the Gateway now' }).getByRole('listitem').first().waitFor({
        timeout: CONNECT_TIMEOUT_MS,
      });
      await who
        .getByTestId('who-devices-paired-with-the-gateway-unavailable')
        .filter({ hasText: 'operator.pairing' })
        .waitFor();
      await who.getByRole('heading', { name: 'Last SSH logins on the host' }).waitFor();

      // A key with a passphrase: generated, installed, and the next connect asks for it and signs in with it.
      const passphrase = 'tiger lily 42';
      const first = await generate(page, passphrase);
      expect(first).toBe('~/.ssh/id_ed25519');
      await keySection(page).getByTestId('ssh-key-passphrase').filter({ hasText: 'Yes' }).waitFor();
      const firstPub = await readFile(path.join(home, '.ssh', 'id_ed25519.pub'), 'utf8');
      await keySection(page).getByRole('button', { name: 'Install my public key on the host' }).click();
      await keySection(page)
        .getByTestId('install-outcome')
        .filter({ hasText: `Added ${fingerprintOf(firstPub)} to ~/.ssh/authorized_keys on the host.` })
        .waitFor();
      await keySection(page).getByRole('button', { name: 'Reconnect with this key' }).click();
      const askPassphrase = page.getByRole('dialog', { name: 'Passphrase needed' });
      await askPassphrase.waitFor({ timeout: CONNECT_TIMEOUT_MS });
      await askPassphrase.getByLabel('Passphrase', { exact: true }).fill(passphrase);
      await askPassphrase.getByRole('button', { name: 'OK' }).click();
      await signedInWith(page, firstPub);

      // A key without one: id_ed25519 is taken, so it gets a name of its own; installed twice, it is one line.
      const second = await generate(page, '');
      expect(second).toBe('~/.ssh/id_ed25519_openclaw_127.0.0.1');
      await keySection(page).getByTestId('ssh-key-passphrase').filter({ hasText: 'None' }).waitFor();
      const secondPub = await readFile(path.join(home, '.ssh', 'id_ed25519_openclaw_127.0.0.1.pub'), 'utf8');
      const install = keySection(page).getByRole('button', { name: 'Install my public key on the host' });
      await install.click();
      await keySection(page).getByTestId('install-outcome').filter({ hasText: 'Added ' }).waitFor();
      await install.click();
      await keySection(page)
        .getByTestId('install-outcome')
        .filter({
          hasText: `~/.ssh/authorized_keys on the host already lists ${fingerprintOf(secondPub)}; nothing changed.`,
        })
        .waitFor();
      const lines = (await readFile(authorizedKeys, 'utf8')).split('\n');
      expect(lines[0]).toBe(`${sshd.clientPublicKey} first-login`);
      expect(lines.filter((line) => line === secondPub.trim())).toHaveLength(1);
      expect(lines.filter((line) => line === firstPub.trim())).toHaveLength(1);

      await keySection(page).getByRole('button', { name: 'Reconnect with this key' }).click();
      await signedInWith(page, secondPub);

      expect(await page.content()).not.toContain(passphrase);
      expect(host.output()).not.toContain(passphrase);
      await page.close();
    },
    // It waits on a real sshd and Gateway, which on a loaded 2-core machine can take most of a minute.
    240_000,
  );
});
