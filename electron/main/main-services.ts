// Builds the plain-Node core that both hosts share — the log, the event bus, settings, secrets, profiles, the live
// connection, Tailscale, the handlers and the router — from facts about the runtime the caller supplies. The
// Electron composition root and the browser host each wrap this in their own transport and storage.
import type { AppInfo } from '../shared/app-info';
import type { AppError } from '../shared/errors';
import { errorOf } from './app-failure';
import { createEventBus, type EventBus } from './event-bus';
import { connectionHandlers } from './handlers/connection-handlers';
import { openclawHandlers } from './handlers/openclaw-handlers';
import { profileHandlers } from './handlers/profile-handlers';
import { tailscaleHandlers } from './handlers/tailscale-handlers';
import { createRouter, type Router } from './router';
import { createProfileConnection, settingsMemory } from './services/connection/profile-connection';
import { createPromptBroker } from './services/connection/prompt-broker';
import { trayView, type TrayAction, type TrayView } from './services/connection/tray-view';
import type { ConnectionManager } from './services/connection/connection-manager';
import { createAppLog, type AppLog } from './services/log/app-log';
import { createProfileService } from './services/profiles/profile-service';
import type { FileSecretStore } from './services/secrets/file-secret-store';
import type { SettingsBackendFactory } from './services/settings/settings-store-options';
import { openSettingsStore } from './services/settings/settings-store';
import type { SshConfigDeps } from './services/ssh/ssh-config';
import type { System } from './services/system/system';
import { createTailscaleService } from './services/tailscale/tailscale-service';

export interface RuntimeFacts {
  appInfo: AppInfo;
  /** Files, subprocesses, time and the OS, for every service built here. */
  system: System;
  /** Mirror of log lines to a text stream, if the host wants one. */
  mirrorLog?: (line: string) => void;
  homeDir: string;
  env: NodeJS.ProcessEnv;
  /** electron-store in the app, conf in plain Node: the same file and schema either way. */
  settingsBackend: SettingsBackendFactory;
  /** Encrypted with safeStorage in the app; a user-only plain file in plain Node (with `secretsWarning`). */
  secrets: FileSecretStore;
  secretsWarning?: AppError;
  sshConfig: SshConfigDeps;
}

export interface MainServices {
  log: AppLog;
  events: EventBus;
  router: Router;
  connection: ConnectionManager;
  /** Every window (or browser tab) is closed: stop what only a window needed, such as watching the tailnet. */
  windowsGone: () => void;
  /** The menu-bar view now and on every change of the connection or the profiles; returns the unsubscribe. */
  watchTray: (listener: (view: TrayView) => void) => () => void;
  /** Does what a menu-bar item asks (Settings… and Quit belong to the host and are not handled here). */
  trayAction: (action: TrayAction) => void;
}

const LOG_CAPACITY = 2000;

export function createMainServices(facts: RuntimeFacts): MainServices {
  const { appInfo, mirrorLog, system, homeDir, env, secrets } = facts;
  // The bus needs the log for dropped events and the log feeds the bus, so the bus reports through a
  // late-bound logger rather than the log itself.
  let reportInvalidEvent: (message: string) => void = () => {};
  const events = createEventBus((message) => reportInvalidEvent(message));
  const log = createAppLog({
    capacity: LOG_CAPACITY,
    clock: system.clock,
    onEntry: (entry) => events.emit('log:entry', entry),
    ...(mirrorLog ? { mirror: mirrorLog } : {}),
  });
  const eventsLog = log.logger('events');
  reportInvalidEvent = (message) => eventsLog.error(message);

  const settings = openSettingsStore({
    dataDir: appInfo.dataDir,
    backend: facts.settingsBackend,
    system,
  });
  const profiles = createProfileService({ settings, secrets, homeDir, system });
  const broker = createPromptBroker((request) => events.emit('prompt:request', request), system.clock);
  const connection = createProfileConnection({
    profiles,
    settings,
    secrets,
    system,
    sshConfig: facts.sshConfig,
    prompts: broker.prompts,
    memory: settingsMemory(settings),
    log,
    appVersion: appInfo.version,
    openclawCli: { env, homeDir, log: log.logger('openclaw-config') },
  });
  connection.on('status', (status) => events.emit('connection:status', status));
  const tailscale = createTailscaleService({
    system,
    homeDir,
    env,
    cliPath: () => settings.settings().tailscaleCliPath,
  });
  const tailnet = tailscaleHandlers({ tailscale, profiles, events, log: log.logger('tailscale') });

  const router = createRouter(
    {
      'app:info': () => appInfo,
      'log:recent': ({ limit }) => log.recent(limit),
      'settings:problems': () => [
        ...settings.problems,
        ...secrets.problems,
        ...(facts.secretsWarning ? [facts.secretsWarning] : []),
      ],
      ...profileHandlers({ profiles, settings, connection }),
      ...connectionHandlers(connection, broker),
      ...tailnet.handlers,
      ...openclawHandlers({ profiles, settings, env, homeDir, system }),
    },
    { log: log.logger('router') },
  );
  log
    .logger('app')
    .info(`OpenClaw Remote ${appInfo.version} started (${appInfo.host} host, data in ${appInfo.dataDir})`);
  for (const problem of [...settings.problems, ...secrets.problems]) log.logger('app').warn(problem.message);
  const currentTray = () => trayView(connection.status, profiles.list(), settings.settings().primaryProfileId);
  const trayLog = log.logger('tray');
  return {
    log,
    events,
    router,
    connection,
    windowsGone: tailnet.stopWatching,
    watchTray: (listener) => {
      const update = () => listener(currentTray());
      update();
      connection.on('status', update);
      const stopSettings = settings.onChange(update);
      return () => {
        connection.off('status', update);
        stopSettings();
      };
    },
    trayAction: (action) => {
      const done = (work: Promise<unknown>) =>
        void work.catch((error: unknown) => trayLog.warn(errorOf(error, 'tray-action-failed').message));
      if (action.kind === 'connect') done(connection.connect(action.profileId));
      else if (action.kind === 'disconnect') done(connection.disconnect());
      else if (action.kind === 'retry-now') connection.nudge();
    },
  };
}
