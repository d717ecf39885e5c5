// The connection manager wired to the app's parts: profiles by name or the primary one, their tokens, each
// profile's route with the given way of asking a person (window or terminal), a Gateway client that keeps its device
// token under the profile's ID, and the OpenClaw CLI set up where a profile asks. The app and the CLI differ only in
// prompts, memory and where they report.
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { AppLog, Logger } from '../log/app-log';
import { configureOpenclawCli } from '../openclaw-config/configure-cli';
import { GatewayClient } from '../gateway/gateway-client';
import type { ProfileService } from '../profiles/profile-service';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { SshConfigDeps } from '../ssh/ssh-config';
import type { System } from '../system/system';
import { ConnectionManager, type ConnectionMemory } from './connection-manager';
import { openclawCliSync } from './openclaw-cli-sync';
import type { PresentedHostKeys } from './presented-host-keys';
import { withRememberedPassphrases, type ConnectionPrompts } from './remembered-passphrases';
import { routeForProfile } from './route-for-profile';
import type { StabilityRecorder } from './stability-recorder';

export interface ProfileConnectionDeps {
  profiles: ProfileService;
  secrets: SecretStore;
  system: System;
  sshConfig: SshConfigDeps;
  prompts: ConnectionPrompts;
  memory: ConnectionMemory;
  log: AppLog;
  appVersion: string;
  /** Hears the keepalive round trips and the drops and recoveries of each profile's link. */
  stability: StabilityRecorder;
  /** Hears the host key each profile's server presents when it differs from the one on file. */
  presentedHostKeys?: PresentedHostKeys;
  /**
   * For "Also set up the OpenClaw CLI on this Mac": where this Mac's OpenClaw config is, and where to report. Left
   * out for a connection that ends at once (a one-shot status), whose tunnel port would be gone after the write.
   */
  openclawCli?: { env: NodeJS.ProcessEnv; homeDir: string; log: Logger };
}

/** The app's connection, whose live Gateway client offers every Gateway method. */
export type AppConnection = ConnectionManager<GatewayClient>;

export function createProfileConnection(deps: ProfileConnectionDeps): AppConnection {
  const { profiles, secrets, log } = deps;
  // Times the links' retries, keepalives and health checks.
  const { clock } = deps.system;
  const connection = new ConnectionManager<GatewayClient>({
    findProfile: (ref) => profiles.findOrPrimary(ref),
    token: (id) => profiles.token(id),
    openRoute: (profile) =>
      routeForProfile(profile, {
        config: deps.sshConfig,
        prompts: withRememberedPassphrases(deps.prompts, secrets, profile.id),
        log: log.logger('ssh'),
        clock,
        onRoundTrip: (ms) => deps.stability.roundTrip(profile.id, ms),
        ...(deps.presentedHostKeys
          ? { onHostKeyVerdict: deps.presentedHostKeys.heard.bind(deps.presentedHostKeys, profile.id) }
          : {}),
      }),
    openGateway: ({ url, token, gatewayKey, tlsFingerprint, openStream }) =>
      new GatewayClient({
        // Over SSH the tunnel's own keepalive measures the link; a URL has only the Gateway's pings.
        ...(openStream === undefined ? { onRoundTrip: (ms: number) => deps.stability.roundTrip(gatewayKey, ms) } : {}),
        url,
        ...(tlsFingerprint === undefined ? {} : { tlsFingerprint }),
        ...(openStream === undefined ? {} : { openStream }),
        ...(token === undefined ? {} : { token }),
        gatewayKey,
        secrets,
        log: log.logger('gateway'),
        redact: (secret) => log.addSecret(secret),
        appVersion: deps.appVersion,
        clock,
      }),
    memory: deps.memory,
    log: log.logger('connection'),
    clock,
  });
  connection.on('status', recordDropsAndRecoveries(deps.stability));
  if (deps.openclawCli) {
    const { env, homeDir, log: report } = deps.openclawCli;
    connection.on(
      'status',
      openclawCliSync({
        profile: (id) => profiles.list().find((profile) => profile.id === id),
        token: (id) => profiles.token(id),
        configure: (request) => configureOpenclawCli(request, { env, homeDir, system: deps.system }),
        log: report,
      }),
    );
  }
  return connection;
}

/**
 * The drops and recoveries of the connection as a person sees them: connected (or degraded) to reconnecting or
 * failed is a drop, with the error that ended it; connected again after that, a recovery.
 */
export function recordDropsAndRecoveries(recorder: StabilityRecorder): (status: ConnectionStatus) => void {
  let previous: ConnectionStatus = { state: 'idle' };
  const isUp = (status: ConnectionStatus) => status.state === 'connected' || status.state === 'degraded';
  return (status) => {
    const was = previous;
    previous = status;
    if (status.profileId === undefined) {
      // Disconnected on purpose: whatever comes next is a fresh connect, not a recovery.
      if (was.profileId !== undefined) recorder.ended(was.profileId);
      return;
    }
    if (isUp(status)) recorder.recovered(status.profileId);
    else if (isUp(was) && was.profileId === status.profileId) {
      recorder.drop(status.profileId, status.lastError?.message ?? 'The connection was lost.');
    }
  };
}

/** For a connection that is not the app's (the CLI's): the app's remembered state is neither read nor changed. */
export const NO_MEMORY: ConnectionMemory = {
  read: () => ({ manuallyDisconnected: true }),
  connected: () => {},
  disconnected: () => {},
};

/** The app's own: which profile was on and whether the user disconnected, kept in the settings file. */
export function settingsMemory(settings: SettingsStore): ConnectionMemory {
  return {
    read: () => settings.settings(),
    connected: (profileId) =>
      settings.update((draft) => {
        draft.lastActiveProfileId = profileId;
        draft.manuallyDisconnected = false;
      }),
    disconnected: () =>
      settings.update((draft) => {
        draft.manuallyDisconnected = true;
      }),
  };
}
