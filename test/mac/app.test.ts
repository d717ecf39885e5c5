// The packaged app, launched for real on a Mac with Playwright's Electron support (the macOS workflow runs it with
// `npm run test:mac`): it puts its icon in the menu bar, opens Settings, shows Electron's version and how it encrypts
// SSH on About, and connects a profile through a private sshd on a high port to the real OpenClaw Gateway. HOME and
// the data folder are throwaway, so the person's ~/.ssh and settings stay untouched.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../electron/shared/app-info';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import type { Profile } from '../../electron/shared/profile';
import { ensureGatewayInstalled, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import { packagedApp, packagedAppMissing } from './packaged-app';

const usable =
  peerAvailable('The packaged app', packagedAppMissing(), 'See above.') &&
  peerAvailable('OpenSSH sshd', sshdMissing(), 'macOS ships /usr/sbin/sshd.');

const CONNECT_TIMEOUT_MS = 90_000;

/** Calls the app through the Settings window's own `window.api`, the contract the window speaks. */
async function invoke<T>(page: Page, channel: string, ...args: unknown[]): Promise<T> {
  const result = await page.evaluate(
    ([name, values]) => {
      const page = globalThis as unknown as { api: { invoke(c: string, ...a: unknown[]): Promise<unknown> } };
      return page.api.invoke(name, ...values);
    },
    [channel, args] as const,
  );
  const answer = result as { ok: true; value: T } | { ok: false; error: { message: string; hint?: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message} ${answer.error.hint ?? ''}`);
  return answer.value;
}

/**
 * Electron keeps no list of trays, so the app's own is heard of the next time the app draws it: every connection
 * state change redraws the icon (setToolTip), and the connect test below makes several. Registered at launch.
 */
async function hearOfTrays(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Tray }) => {
    const seen = new Set<Electron.Tray>();
    // Wherever on the prototype chain the binding defines it, an own property on Tray.prototype comes first.
    const setToolTip: (this: Electron.Tray, toolTip: string) => void = Reflect.get(Tray.prototype, 'setToolTip');
    Object.defineProperty(Tray.prototype, 'setToolTip', {
      configurable: true,
      writable: true,
      value: function (this: Electron.Tray, toolTip: string) {
        seen.add(this);
        setToolTip.call(this, toolTip);
      },
    });
    Object.assign(globalThis, { openclawTraysSeen: seen });
  });
}

describe.skipIf(!usable)('the packaged app on macOS', () => {
  let scratch: string;
  let sshd: Sshd;
  let gateway: Gateway;
  let app: ElectronApplication;
  let settings: Page;

  beforeAll(async () => {
    scratch = makeTempDir('openclaw-mac-app-');
    const home = path.join(scratch, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    await ensureGatewayInstalled();
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);

    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
    // The runner's agent and config are not the profile's: it logs in with the private sshd's key alone.
    delete env.SSH_AUTH_SOCK;
    Object.assign(env, {
      HOME: home,
      OPENCLAW_REMOTE_HOME: path.join(scratch, 'data'),
      OPENCLAW_CONFIG_PATH: path.join(home, '.openclaw', 'openclaw.json'),
    });
    app = await _electron.launch({ executablePath: packagedApp().executable, env, timeout: 60_000 });
    // The app opens Settings at launch; a Finder reopen (`activate`) opens it too, should that ever change.
    settings = await Promise.race([
      app.firstWindow(),
      new Promise<Page>((resolve) => {
        const timer = setTimeout(() => {
          void app.evaluate(({ app: electronApp }) => electronApp.emit('activate'));
          void app.firstWindow().then(resolve);
        }, 10_000);
        timer.unref();
      }),
    ]);
    await settings.waitForLoadState('domcontentloaded');
    await hearOfTrays(app);
  }, 300_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    if (scratch) removeTempDir(scratch);
  });

  it('runs from the packaged archive', async () => {
    // (Info.plist's LSUIElement is checked where it is written: test/integration/mac-packaging.test.ts.)
    const facts = await app.evaluate(({ app: electronApp }) => ({
      packaged: electronApp.isPackaged,
      appPath: electronApp.getAppPath(),
    }));
    expect(facts).toEqual({ packaged: true, appPath: packagedApp().archive });
  });

  it('opens the Settings window, whose About shows Electron’s version and how SSH is encrypted', async () => {
    const electronVersion = await app.evaluate(() => process.versions.electron);
    await settings
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'About' })
      .click();
    await settings.getByTestId('about-electron').waitFor();
    expect(await settings.getByTestId('about-electron').textContent()).toBe(electronVersion);
    expect(await settings.getByTestId('about-running-in').textContent()).toBe('Desktop app');
    const info = await invoke<AppInfo>(settings, 'app:info');
    // Electron links BoringSSL, so ssh2's OpenSSL binding is left out and its JavaScript path runs (docs/ARCHITECTURE.md,
    // "Packaging"). Should this change, update that page and electron-builder.yml with it.
    expect(info.sshCrypto).toBe('javascript');
    expect(await settings.getByTestId('about-ssh-encryption').textContent()).toBe(
      'JavaScript (the runtime’s own ciphers)',
    );
  });

  it('connects a profile through sshd on a high port to the real Gateway', async () => {
    const profile = await invoke<Profile>(settings, 'profiles:save', {
      name: 'Mac CI (this machine)',
      route: {
        kind: 'ssh',
        target: `${sshd.user}@127.0.0.1`,
        sshPort: sshd.port,
        identityFile: sshd.clientKeyPath,
        localPort: 0,
        remotePort: gateway.port,
      },
      token: gateway.token,
      primary: true,
    });
    expect(sshd.port).toBeGreaterThan(1023);
    let status = await invoke<ConnectionStatus>(settings, 'connection:connect', { profileId: profile.id });
    const deadline = Date.now() + CONNECT_TIMEOUT_MS;
    while (status.state !== 'connected' && status.state !== 'error' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await invoke<ConnectionStatus>(settings, 'connection:status');
    }
    expect(status.state, JSON.stringify(status.lastError ?? status)).toBe('connected');
    expect(status.profileId).toBe(profile.id);
    await invoke(settings, 'connection:disconnect');
    await invoke(settings, 'profiles:remove', { id: profile.id });
  });

  it('has its icon in the menu bar', async () => {
    const trays = await app.evaluate(async () => {
      const seen = (globalThis as unknown as { openclawTraysSeen: Set<Electron.Tray> }).openclawTraysSeen;
      for (let waited = 0; seen.size === 0 && waited < 10_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [...seen].map((tray) => ({ destroyed: tray.isDestroyed(), bounds: tray.getBounds() }));
    });
    expect(trays).toHaveLength(1);
    expect(trays[0]?.destroyed).toBe(false);
    // A status item that macOS placed in the menu bar has a size there.
    expect(trays[0]?.bounds.width).toBeGreaterThan(0);
  });
});
