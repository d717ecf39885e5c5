// Composition root of the Electron app: one instance, the data directory, the shared main-process services over
// electron-store and safeStorage, the IPC transport, the Settings window, the menu bar, notifications, wake-ups and
// network changes, and a Quit that waits for the connection to close. This only wires.
import path from 'node:path';
import { app, clipboard, safeStorage, shell } from 'electron';
import { installAppMenu } from './adapters/app-menu';
import { registerIpc } from './adapters/ipc';
import { loginItem } from './adapters/login-item';
import { showNotice } from './adapters/notifications';
import { nativePanels } from './adapters/open-panel';
import { denyAllPermissions } from './adapters/permissions';
import { quitAfterShutdown } from './adapters/quit-after-shutdown';
import { claimSingleInstance } from './adapters/single-instance';
import { createTray } from './adapters/tray';
import { nudgeOnWakeAndNetwork } from './adapters/wake-and-network';
import { openAppSecretStore } from './adapters/app-secrets';
import { createElectronSettingsBackend } from './adapters/settings-backend';
import { createSettingsWindowController, isRendererUrl, type RendererLocation } from './adapters/settings-window';
import { startAppSocket } from './host/app-socket';
import { createMainServices } from './main-services';
import { DATA_DIR_ENV, resolveDataDir } from './services/app/data-dir';
import { createLinkNotices } from './services/connection/link-notices';
import { sshCryptoInUse } from './services/ssh/ssh-crypto';
import { sshConfigDeps } from './services/ssh/ssh-config';
import { loadNapiKeyring } from './system/napi-keyring';
import { nodeSystem } from './system/node-system';
import { RUN_DIAGNOSTICS_HASH } from '../shared/channels';

const system = nodeSystem();

const dataDirInput = {
  env: process.env,
  platform: process.platform,
  homeDir: app.getPath('home'),
  runtimeDefault: app.getPath('userData'),
};
const dataDir = resolveDataDir(dataDirInput);
// Read before userData follows the data directory below: the default decides the keychain's service name.
const defaultDataDir = resolveDataDir({ ...dataDirInput, env: { ...process.env, [DATA_DIR_ENV]: undefined } });
// Electron keeps its own caches and storage under userData; follow OPENCLAW_REMOTE_HOME there too.
app.setPath('userData', dataDir);

const renderer: RendererLocation = {
  file: path.join(import.meta.dirname, '..', 'renderer', 'index.html'),
  ...(app.isPackaged || !process.env.ELECTRON_RENDERER_URL ? {} : { devServerUrl: process.env.ELECTRON_RENDERER_URL }),
};
// The window's closing stops what only a window needed; the services that know what that is come after the window.
let windowsGone = () => {};
const settings = createSettingsWindowController(
  path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
  renderer,
  () => windowsGone(),
);

// A second launch quits at once and brings this one's window forward instead.
if (claimSingleInstance(app, () => void app.whenReady().then(() => settings.open()))) void start();

async function start(): Promise<void> {
  await app.whenReady();
  const secrets = await openAppSecretStore({
    dataDir,
    defaultDataDir,
    system,
    keyring: await loadNapiKeyring(),
    encryption: safeStorage,
  });
  const services = createMainServices({
    appInfo: {
      name: app.getName(),
      version: app.getVersion(),
      host: 'electron',
      versions: {
        node: process.versions.node,
        electron: process.versions.electron,
        chrome: process.versions.chrome,
      },
      platform: process.platform,
      arch: process.arch,
      dataDir,
      sshCrypto: sshCryptoInUse(),
    },
    system,
    homeDir: app.getPath('home'),
    env: process.env,
    settingsBackend: createElectronSettingsBackend,
    secrets: secrets.store,
    secretsNotes: secrets.notes,
    secretsLocation: secrets.location,
    sshConfig: await sshConfigDeps(system, process.env, app.getPath('home')),
    nativePanels: nativePanels(() => settings.current()),
  });
  const { log, events, router, connection } = services;
  windowsGone = services.windowsGone;
  denyAllPermissions();

  registerIpc({
    router,
    events,
    log: log.logger('ipc'),
    isOwnWindow: settings.isOwnWindow,
    isOwnRendererUrl: (url) => isRendererUrl(renderer, url),
  });

  installAppMenu(app.getName(), () => settings.open());

  // A question while connecting (trust this host key? a passphrase?) needs the window in front.
  events.subscribe((name) => {
    if (name === 'prompt:request') settings.open();
  });

  const notices = createLinkNotices({
    clock: system.clock,
    show: (notice) => showNotice(notice, () => settings.open()),
  });
  connection.on('status', (status) => notices.observe(status));
  const stopNudging = nudgeOnWakeAndNetwork(() => connection.nudge(), system.clock);
  // `openclaw-remote status|connect|disconnect|doctor|logs` reach this app's connection here (host/app-socket.ts)
  // instead of opening a second tunnel; Quit closes it with the connection (app.exit skips will-quit).
  const appSocket = await startAppSocket({
    router,
    events,
    log: log.logger('app-socket'),
    dataDir,
    platform: process.platform,
  });
  quitAfterShutdown(app, {
    shutdown: async () => {
      await Promise.all([connection.shutdown(), appSocket?.close()]);
    },
    quitting: () => {
      notices.quitting();
      stopNudging();
    },
    warn: (message) => log.logger('app').warn(message),
  });
  void connection.restoreAtLaunch();

  const menuBar = services.menuBar({
    openSettings: () => settings.open(),
    runDiagnostics: () => {
      // An open page hears the event; a window opened now starts from the fragment, as it listens only once loaded.
      if (settings.current()) {
        settings.open();
        events.emit('window:run-diagnostics', {});
      } else settings.open(RUN_DIAGNOSTICS_HASH);
    },
    copyText: (text) => clipboard.writeText(text),
    openExternal: (url) => shell.openExternal(url),
    loginItem,
    quit: () => app.quit(),
  });
  const tray = createTray(path.join(app.getAppPath(), 'assets', 'tray'), (action) => menuBar.act(action));
  menuBar.watch((view) => tray.show(view));

  app.on('activate', () => settings.open());
  // A menu-bar app lives on in the menu bar when its window closes; Quit is in the icon's menu.
  app.on('window-all-closed', () => {});
  settings.open();
}
