// The menu bar's behaviour in plain Node: the view now and on every change of the connection, the profiles or the
// login item, and what each item does. Connect, Disconnect and Retry Now run the very actions the window's buttons
// and the CLI run; what only the host can do (the clipboard, the browser, the window, the login item, quitting) is
// handed to it.
import { errorOf } from './app-failure';
import type { AppCore } from './actions/app-core';
import { connect, disconnect, retryNow } from './actions/connection-actions';
import { trayView, type TrayAction, type TrayView } from './services/connection/tray-view';
import { controlUiUrl } from './services/gateway/control-ui-url';

export interface MenuBarHost {
  openSettings(): void;
  /** Opens Settings on Diagnostics and runs the checks. */
  runDiagnostics(): void;
  copyText(text: string): Promise<void> | void;
  /** Opens a URL in the default browser. */
  openExternal(url: string): Promise<void>;
  /** Whether the app opens at login, and changing it; absent where the host has no login items. */
  loginItem?: { get(): boolean; set(enabled: boolean): void };
  quit(): void;
}

export interface MenuBar {
  /** The view now and on every change; returns the unsubscribe. */
  watch(listener: (view: TrayView) => void): () => void;
  /** Does what a menu item asks; a failure goes to the log (the menu has nowhere to show it). */
  act(action: TrayAction): void;
}

export function createMenuBar(core: AppCore, host: MenuBarHost): MenuBar {
  const log = core.log.logger('tray');
  const listeners = new Set<() => void>();
  const refresh = () => listeners.forEach((update) => update());
  const current = () =>
    trayView({
      status: core.connection.status,
      profiles: core.profiles.list(),
      primaryId: core.settings.settings().primaryProfileId,
      launchAtLogin: host.loginItem?.get(),
    });
  const run = (work: () => unknown) =>
    void Promise.resolve()
      .then(work)
      .catch((error: unknown) => log.warn(errorOf(error, 'tray-action-failed').message));

  async function openDashboard(): Promise<void> {
    const { profileId, route } = core.connection.status;
    if (profileId === undefined || route?.url === undefined) return;
    const token = await core.profiles.token(profileId);
    // The address carries the token (in its fragment): it goes to the browser and nowhere else, never to the log.
    await host.openExternal(controlUiUrl(route.url, token));
    log.info(`Opened the Gateway dashboard of ${core.connection.status.profileName ?? profileId} in the browser`);
  }

  return {
    watch(listener) {
      const update = () => listener(current());
      update();
      listeners.add(update);
      core.connection.on('status', update);
      const stopSettings = core.settings.onChange(update);
      return () => {
        listeners.delete(update);
        core.connection.off('status', update);
        stopSettings();
      };
    },
    act(action) {
      switch (action.kind) {
        case 'connect':
          return run(() => connect(core, { profileId: action.profileId }));
        case 'disconnect':
          return run(() => disconnect(core));
        case 'retry-now':
          return run(() => retryNow(core));
        case 'copy-gateway-url': {
          const url = core.connection.status.route?.url;
          if (url !== undefined) run(() => host.copyText(url));
          return;
        }
        case 'open-dashboard':
          return run(openDashboard);
        case 'open-settings':
          return host.openSettings();
        case 'run-diagnostics':
          return host.runDiagnostics();
        case 'launch-at-login':
          return run(() => {
            host.loginItem?.set(action.enabled);
            // The login item is the system's, not ours: nothing else tells the menu that it changed.
            refresh();
          });
        case 'quit':
          return host.quit();
      }
    },
  };
}
