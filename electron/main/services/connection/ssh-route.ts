// Remote over SSH for one profile: the tunnel wired to the SSH service's parts — the target resolved like
// OpenSSH, each server's host key checked against known_hosts (or keys trusted elsewhere), login in
// OpenSSH's order — so that starting it is all a caller does. Passphrases live as long as the tunnel.
// Wiring above ssh/ (it also brings the Gateway probe that names a busy port's owner), hence here in connection/.
import type { Client } from 'ssh2';
import { probeGateway } from '../gateway/probe';
import type { Logger } from '../log/app-log';
import { openSshConnection, isRetryable } from '../ssh/connect';
import { algorithmsForStoredKeyTypes } from '../ssh/host-key';
import { createHostVerifier, type HostKeyVerdict } from '../ssh/host-verifier';
import { knownHostsFilesOf, storedHostKeyTypes } from '../ssh/known-hosts';
import { describePortOwner, type PortOwner } from '../ssh/port-owner';
import type { ReconnectPolicy } from '../link/reconnect-policy';
import { expandTilde, resolveSshConfig, type SshConfigDeps } from '../ssh/ssh-config';
import { SshTunnel } from '../ssh/tunnel';
import type { LinkStep } from '../../../shared/link-state';
import type { ResolvedSshConfig, SshPrompts } from '../ssh/types';
import type { Clock } from '../system/clock';
import type { System } from '../system/system';

export interface SshRouteSettings {
  /** user@host[:port], [v6]:port or a ~/.ssh/config alias. */
  target: string;
  /** The port on this Mac (0 = any free port). */
  localPort: number;
  /** The Gateway's port on the host, reached at 127.0.0.1 there. */
  remotePort: number;
  useEphemeralPortIfBusy: boolean;
  /** Password and keyboard-interactive login, off unless the profile turns it on. */
  allowPassword: boolean;
  /** Host keys vouched for elsewhere (for example published by Tailscale for that device). */
  trustedHostKeys?: Buffer[];
  /** Overrides the port of the target and ~/.ssh/config, as `ssh -p` does. */
  port?: number;
  /** Used alone (IdentitiesOnly), as `ssh -o IdentitiesOnly=yes -i` does; `~` is the config's home directory. */
  identityFile?: string;
  /** Override ServerAliveInterval (seconds) and ServerAliveCountMax of ~/.ssh/config, as `ssh -o` does. */
  keepaliveIntervalSeconds?: number;
  keepaliveCountMax?: number;
}

export interface SshRouteDeps {
  /** Its System is also the one the route reads keys and known_hosts with, runs lsof with, and times with. */
  config: SshConfigDeps;
  prompts: SshPrompts;
  log: Logger;
  clock: Clock;
  /** Default: lsof or ss, and a Gateway probe, on the config's System. */
  describePortOwner?: (port: number) => Promise<string>;
  policy?: ReconnectPolicy;
  /** What the doctor watches: the destination's host key verdict and the login that worked there. */
  observer?: SshConnectionObserver;
  /** Each keepalive round trip of the tunnel, in ms. */
  onRoundTrip?: (ms: number) => void;
  /** What the destination's host key lookup found, on each connect (for the Security page's changed key). */
  onHostKeyVerdict?: (verdict: HostKeyVerdict) => void;
}

/** Hears how one connection to the destination went, step by step; set, new host keys are never recorded unasked. */
export interface SshConnectionObserver {
  hostKey: (verdict: HostKeyVerdict) => void;
  loggedIn: (login: { user: string; method: string }) => void;
}

export function createSshRoute(settings: SshRouteSettings, deps: SshRouteDeps): SshTunnel {
  const { system } = deps.config;
  return new SshTunnel({
    localPort: settings.localPort,
    remoteHost: '127.0.0.1',
    remotePort: settings.remotePort,
    useEphemeralPortIfBusy: settings.useEphemeralPortIfBusy,
    isRetryable,
    describePortOwner: deps.describePortOwner ?? (async (port) => (await portOwnerOn(system, port)).description),
    log: deps.log,
    clock: deps.clock,
    ...(deps.policy ? { policy: deps.policy } : {}),
    ...(deps.onRoundTrip ? { onRoundTrip: deps.onRoundTrip } : {}),
    connect: sshConnector(settings, deps),
  });
}

/**
 * Opens one ready SSH connection to the profile's host, exactly as the tunnel does on each attempt: used alone where
 * the app needs the host itself rather than a forward (fetch from host). Passphrases typed live as long as the
 * connector.
 */
export function sshConnector(
  settings: SshRouteSettings,
  deps: SshRouteDeps,
): (hooks: { signal: AbortSignal; onStep: (step: LinkStep) => void }) => Promise<Client> {
  const { log, prompts, observer } = deps;
  const { system } = deps.config;
  const passphrases = new Map<string, string>();
  const resolve = (target: string) => resolveSshConfig(target, deps.config);
  return async ({ signal, onStep }) => {
    onStep({ step: 'reading-ssh-config' });
    const destination = withProfileOverrides(await resolve(settings.target), settings, deps.config.home);
    return openSshConnection({
      config: destination,
      resolveHop: resolve,
      makeHostVerifier: (config, host, port) =>
        createHostVerifier({
          config,
          host,
          port,
          // Keys vouched for elsewhere belong to the destination, never to a jump host on the way.
          ...(config === destination && settings.trustedHostKeys ? { trustedKeys: settings.trustedHostKeys } : {}),
          ...(observer ? { acceptNewUnasked: false } : {}),
          ...(config === destination ? { onVerdict: verdictListener(deps) } : {}),
          prompts,
          system,
          log,
        }),
      preferredHostKeyAlgorithms: async (config) =>
        algorithmsForStoredKeyTypes(
          await storedHostKeyTypes({
            files: knownHostsFilesOf(config),
            host: config.hostname,
            port: config.port,
            hostKeyAlias: config.hostKeyAlias,
            system,
          }).catch(() => []),
        ),
      prompts,
      passphrases,
      allowPassword: settings.allowPassword,
      system,
      log,
      onStep,
      ...(observer ? { onLoggedIn: (login) => login.hop === undefined && observer.loggedIn(login) } : {}),
      signal,
    });
  };
}

/** The doctor's observer and the connection's own listener both hear the destination's verdict. */
function verdictListener({ observer, onHostKeyVerdict }: SshRouteDeps): (verdict: HostKeyVerdict) => void {
  return (verdict) => {
    observer?.hostKey(verdict);
    onHostKeyVerdict?.(verdict);
  };
}

/** The profile's own port, identity file and keepalive win over the config, as command-line options do for ssh. */
export function withProfileOverrides(
  config: ResolvedSshConfig,
  settings: SshRouteSettings,
  home: string,
): ResolvedSshConfig {
  const { port, identityFile, keepaliveIntervalSeconds, keepaliveCountMax } = settings;
  return {
    ...config,
    ...(port === undefined ? {} : { port }),
    ...(keepaliveIntervalSeconds === undefined ? {} : { serverAliveInterval: keepaliveIntervalSeconds }),
    ...(keepaliveCountMax === undefined ? {} : { serverAliveCountMax: keepaliveCountMax }),
    ...(identityFile === undefined
      ? {}
      : { identityFiles: [expandTilde(identityFile, home, 'The identity file')], identitiesOnly: true }),
  };
}

/** Who holds a local port (lsof or ss, and a Gateway probe), on the given System. */
export function portOwnerOn(system: System, port: number): Promise<PortOwner> {
  return describePortOwner(port, {
    execFile: (file, args, options) => system.processes.execFile(file, args, options),
    ownPid: system.os.pid,
    probeGateway: (url) => probeGateway(url, system.clock),
  });
}
