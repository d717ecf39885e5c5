// Composition root of the Electron app: one instance, the data directory, the shared main-process services over
// electron-store and safeStorage, the IPC transport, the Settings window, the menu-bar icon and wake-ups. This only
// wires.
import path from 'node:path';
import { app, safeStorage } from 'electron';
import { installAppMenu } from './adapters/app-menu';
import { registerIpc } from './adapters/ipc';
import { denyAllPermissions } from './adapters/permissions';
import { onWake } from './adapters/power';
import { createTray } from './adapters/tray';
import { openAppSecretStore } from './adapters/app-secrets';
import { createElectronSettingsBackend } from './adapters/settings-backend';
import { createSettingsWindowController, isRendererUrl, type RendererLocation } from './adapters/settings-window';
import { createMainServices } from './main-services';
import { DATA_DIR_ENV, resolveDataDir } from './services/app/data-dir';
import { sshConfigDeps } from './services/ssh/ssh-config';
import { loadNapiKeyring } from './system/napi-keyring';
import { nodeSystem } from './system/node-system';

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

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const secrets = await openAppSecretStore({
    dataDir,
    defaultDataDir,
    system,
    keyring: await loadNapiKeyring(),
    encryption: safeStorage,
  });
  const { log, events, router, connection, windowsGone, watchTray, trayAction } = createMainServices({
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
    },
    system,
    homeDir: app.getPath('home'),
    env: process.env,
    settingsBackend: createElectronSettingsBackend,
    secrets: secrets.store,
    secretsNotes: secrets.notes,
    secretsLocation: secrets.location,
    sshConfig: await sshConfigDeps(system, process.env, app.getPath('home')),
  });
  denyAllPermissions();

  const renderer: RendererLocation = {
    file: path.join(import.meta.dirname, '..', 'renderer', 'index.html'),
    ...(app.isPackaged || !process.env.ELECTRON_RENDERER_URL
      ? {}
      : { devServerUrl: process.env.ELECTRON_RENDERER_URL }),
  };
  const settings = createSettingsWindowController(
    path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    renderer,
    windowsGone,
  );
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
  onWake(() => connection.nudge());
  app.on('before-quit', () => void connection.shutdown());
  void connection.restoreAtLaunch();

  const tray = createTray(path.join(app.getAppPath(), 'assets', 'tray'), (action) => {
    if (action.kind === 'open-settings') settings.open();
    else if (action.kind === 'quit') app.quit();
    else trayAction(action);
  });
  const stopTray = watchTray((view) => tray.show(view));
  app.on('will-quit', () => {
    stopTray();
    tray.destroy();
  });

  app.on('second-instance', () => settings.open());
  app.on('activate', () => settings.open());
  // A menu-bar app lives on in the menu bar when its window closes; Quit is in the icon's menu.
  app.on('window-all-closed', () => {});
  settings.open();
}
