// Builds the plain-Node core that every host shares — the log, the event bus, settings, secrets, profiles, the live
// connection, Tailscale, the actions and the router over them — from facts about the runtime the caller supplies. The
// Electron app, the browser host and the CLI each wrap this in their own transport, storage and way of asking.
import type { AppInfo } from '../shared/app-info';
import type { AppError } from '../shared/errors';
import { createEventBus, type EventBus } from './event-bus';
import { handlersFor } from './actions/action-table';
import type { AppCore, NativePanels } from './actions/app-core';
import { createRouter, type Router } from './router';
import { createProfileConnection, NO_MEMORY, settingsMemory } from './services/connection/profile-connection';
import { createPromptBroker, type PromptBroker } from './services/connection/prompt-broker';
import type { ConnectionPrompts } from './services/connection/remembered-passphrases';
import type { AppConnection } from './services/connection/profile-connection';
import { createStabilityRecorder } from './services/connection/stability-recorder';
import { PresentedHostKeys } from './services/connection/presented-host-keys';
import { createAppLog, type AppLog, type Logger } from './services/log/app-log';
import { createProfileService } from './services/profiles/profile-service';
import type { OpenedSecretStore } from './services/secrets/secret-store';
import type { SettingsBackendFactory } from './services/settings/settings-store-options';
import { openSettingsStore } from './services/settings/settings-store';
import type { SshConfigDeps } from './services/ssh/ssh-config';
import type { System } from './services/system/system';
import { createTailscaleService } from './services/tailscale/tailscale-service';
import { watchTailnetFor } from './tailnet-watch';
import { createMenuBar, type MenuBar, type MenuBarHost } from './menu-bar';

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
  /**
   * The keychain wherever one answers, the app and plain Node alike; otherwise the app's safeStorage-encrypted file
   * or plain Node's user-only file (with `secretsWarning`).
   */
  secrets: OpenedSecretStore;
  secretsWarning?: AppError;
  /** What opening the secrets did (secrets moved into the keychain, in counts), for the app log. */
  secretsNotes?: readonly string[];
  /** Where the secrets are kept, in words, for About. */
  secretsLocation?: string;
  sshConfig: SshConfigDeps;
  /**
   * How a person is asked while connecting. Default: the window, through `prompt:request` events. The CLI asks on
   * its terminal instead.
   */
  prompts?: ConnectionPrompts;
  /**
   * Whether this is the app's own connection, remembered across launches (default), or one that leaves the app's
   * remembered state alone (the CLI's).
   */
  remembersConnection?: boolean;
  /**
   * For "Also set up the OpenClaw CLI on this Mac": where to report what was written (default: the app log); false
   * for a connection that ends at once (a one-shot status), whose tunnel port would be gone after the write.
   */
  openclawCliReport?: Logger | false;
  /** This run's Tailscale CLI (`--tailscale-cli PATH`) instead of the saved or found one. */
  tailscaleCliPath?: string;
  /** The host's native panels (the Electron app's open panel). */
  nativePanels?: NativePanels;
}

export interface MainServices {
  log: AppLog;
  /** What went wrong opening the settings and secrets (a broken file moved aside), to show before anything else. */
  startupProblems: AppError[];
  events: EventBus;
  router: Router;
  connection: AppConnection;
  /** Every window (or browser tab) is closed: stop what only a window needed, such as watching the tailnet. */
  windowsGone: () => void;
  /** The menu bar over this core, doing what only the host can do through `host`. */
  menuBar: (host: MenuBarHost) => MenuBar;
}

const LOG_CAPACITY = 2000;

/**
 * Fetch from host and the doctor open SSH links that may wait for a person (a host key to check, a passphrase to
 * type; a question waits five minutes), so they get longer than the router's minute.
 */
const PERSON_MAY_ANSWER_MS = 6 * 60_000;

export function createMainServices(facts: RuntimeFacts): MainServices {
  const { mirrorLog, system, homeDir, env, secrets } = facts;
  const appInfo = facts.secretsLocation ? { ...facts.appInfo, secretsLocation: facts.secretsLocation } : facts.appInfo;
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
  const broker = facts.prompts
    ? undefined
    : createPromptBroker((request) => events.emit('prompt:request', request), system.clock);
  const prompts = facts.prompts ?? (broker as PromptBroker).prompts;
  const openclawCliReport = facts.openclawCliReport ?? log.logger('openclaw-config');
  const stability = createStabilityRecorder({ clock: system.clock });
  const presentedHostKeys = new PresentedHostKeys();
  const connection = createProfileConnection({
    profiles,
    secrets,
    system,
    sshConfig: facts.sshConfig,
    prompts,
    memory: facts.remembersConnection === false ? NO_MEMORY : settingsMemory(settings),
    log,
    appVersion: appInfo.version,
    stability,
    presentedHostKeys,
    ...(openclawCliReport === false ? {} : { openclawCli: { env, homeDir, log: openclawCliReport } }),
  });
  connection.on('status', (status) => events.emit('connection:status', status));
  const tailscale = createTailscaleService({
    system,
    homeDir,
    env,
    cliPath: () => facts.tailscaleCliPath ?? settings.settings().tailscaleCliPath,
  });
  const tailnetWatch = watchTailnetFor(tailscale, events, log.logger('tailscale'));

  const core: AppCore = {
    appInfo,
    log,
    events,
    settings,
    secrets,
    problems: () => [
      ...settings.problems,
      ...secrets.problems,
      ...(facts.secretsWarning ? [facts.secretsWarning] : []),
    ],
    profiles,
    connection,
    stability,
    presentedHostKeys,
    prompts,
    ...(broker ? { broker } : {}),
    tailscale,
    tailnetWatch,
    sshConfig: facts.sshConfig,
    system,
    env,
    homeDir,
    ...(facts.nativePanels ? { nativePanels: facts.nativePanels } : {}),
  };
  const router = createRouter(handlersFor(core), {
    log: log.logger('router'),
    timeoutsMs: { 'profiles:fetch-token': PERSON_MAY_ANSWER_MS, 'doctor:run': PERSON_MAY_ANSWER_MS },
  });
  log
    .logger('app')
    .info(`OpenClaw Remote ${appInfo.version} started (${appInfo.host} host, data in ${appInfo.dataDir})`);
  for (const problem of [...settings.problems, ...secrets.problems]) log.logger('app').warn(problem.message);
  for (const note of facts.secretsNotes ?? []) log.logger('secrets').info(note);
  return {
    log,
    startupProblems: [...settings.problems, ...secrets.problems],
    events,
    router,
    connection,
    windowsGone: () => tailnetWatch.set(false),
    menuBar: (host) => createMenuBar(core, host),
  };
}
