// What every action acts on: the app's services, composed once by main-services.ts for whichever front end runs
// (the Electron app, the browser host, the CLI). Actions receive this and nothing else, so the window, the tray and
// the CLI cannot differ in what an action sees.
import type { AppInfo } from '../../shared/app-info';
import type { RequestArgs, RequestChannel, RequestResult } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { AppConnection } from '../services/connection/profile-connection';
import type { PromptBroker } from '../services/connection/prompt-broker';
import type { StabilityRecorder } from '../services/connection/stability-recorder';
import type { PresentedHostKeys } from '../services/connection/presented-host-keys';
import type { ConnectionPrompts } from '../services/connection/remembered-passphrases';
import type { AppLog } from '../services/log/app-log';
import type { ProfileService } from '../services/profiles/profile-service';
import type { SecretStore } from '../services/secrets/secret-store';
import type { SettingsStore } from '../services/settings/settings-store';
import type { SshConfigDeps } from '../services/ssh/ssh-config';
import type { System } from '../services/system/system';
import type { TailscaleService } from '../services/tailscale/tailscale-service';

export interface AppCore {
  appInfo: AppInfo;
  log: AppLog;
  events: EventBus;
  settings: SettingsStore;
  secrets: SecretStore;
  /** What went wrong opening settings and secrets, and how secrets are kept where that needs saying. */
  problems: () => AppError[];
  profiles: ProfileService;
  connection: AppConnection;
  /** Each profile's keepalive round trips and link drops of the last hour. */
  stability: StabilityRecorder;
  /** The host key each profile's server presented when it no longer matched known_hosts. */
  presentedHostKeys: PresentedHostKeys;
  /** How a person is asked while connecting: the window (through `broker`) or the terminal. */
  prompts: ConnectionPrompts;
  /** Questions waiting for the window's answer; absent where the terminal asks directly (the CLI). */
  broker?: PromptBroker;
  tailscale: TailscaleService;
  /** Live tailnet updates for an open window: started and stopped by the Tailscale page. */
  tailnetWatch: { set(watching: boolean): void };
  sshConfig: SshConfigDeps;
  /** Files, subprocesses, clock and OS facts, as the composition root built them. */
  system: System;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** The host's native panels (the Electron app's); absent in the browser host and the CLI. */
  nativePanels?: NativePanels;
}

export interface NativePanels {
  /** The path the person chose, or null when they cancelled. */
  chooseFile(options: { title: string; defaultPath: string }): Promise<string | null>;
}

/** One thing a person can do: the contract channel's checked input in, its result out (or an AppFailure thrown). */
export type Action<C extends RequestChannel> = (
  core: AppCore,
  ...args: RequestArgs<C>
) => Promise<RequestResult<C>> | RequestResult<C>;
