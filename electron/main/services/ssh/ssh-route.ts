// Remote over SSH for one profile: the tunnel wired to the SSH service's parts — the target resolved like
// OpenSSH, each server's host key checked against known_hosts (or keys trusted elsewhere), login in
// OpenSSH's order — so that starting it is all a caller does. Passphrases live as long as the tunnel.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { probeGateway } from '../gateway/probe';
import type { ReconnectPolicy } from '../link/reconnect-policy';
import type { Logger } from '../log/app-log';
import type { Clock } from '../system/clock';
import { openSshConnection, isRetryable } from './connect';
import { algorithmsForStoredKeyTypes } from './host-key';
import { createHostVerifier } from './host-verifier';
import { knownHostsFilesOf, storedHostKeyTypes } from './known-hosts';
import { describePortOwner } from './port-owner';
import { expandTilde, resolveSshConfig, type SshConfigDeps } from './ssh-config';
import { SshTunnel } from './tunnel';
import type { ResolvedSshConfig, SshPrompts } from './types';

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
}

export interface SshRouteDeps {
  config: SshConfigDeps;
  prompts: SshPrompts;
  log: Logger;
  clock: Clock;
  readFile?: (path: string) => Promise<Buffer>;
  describePortOwner?: (port: number) => Promise<string>;
  policy?: ReconnectPolicy;
}

export function createSshRoute(settings: SshRouteSettings, deps: SshRouteDeps): SshTunnel {
  const { log, prompts } = deps;
  const passphrases = new Map<string, string>();
  const resolve = (target: string) => resolveSshConfig(target, deps.config);
  return new SshTunnel({
    localPort: settings.localPort,
    remoteHost: '127.0.0.1',
    remotePort: settings.remotePort,
    useEphemeralPortIfBusy: settings.useEphemeralPortIfBusy,
    isRetryable,
    describePortOwner: deps.describePortOwner ?? systemPortOwner,
    log,
    clock: deps.clock,
    ...(deps.policy ? { policy: deps.policy } : {}),
    connect: async ({ signal, onStep }) => {
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
            prompts,
            log,
          }),
        preferredHostKeyAlgorithms: async (config) =>
          algorithmsForStoredKeyTypes(
            await storedHostKeyTypes({
              files: knownHostsFilesOf(config),
              host: config.hostname,
              port: config.port,
              hostKeyAlias: config.hostKeyAlias,
            }).catch(() => []),
          ),
        prompts,
        passphrases,
        allowPassword: settings.allowPassword,
        readFile: deps.readFile ?? ((path) => readFile(path)),
        log,
        onStep,
        signal,
      });
    },
  });
}

/** The profile's own port and identity file win over the config, as command-line options do for ssh. */
function withProfileOverrides(config: ResolvedSshConfig, settings: SshRouteSettings, home: string): ResolvedSshConfig {
  const { port, identityFile } = settings;
  return {
    ...config,
    ...(port === undefined ? {} : { port }),
    ...(identityFile === undefined
      ? {}
      : { identityFiles: [expandTilde(identityFile, home, 'The identity file')], identitiesOnly: true }),
  };
}

const execFileText = promisify(execFile);

async function systemPortOwner(port: number): Promise<string> {
  const owner = await describePortOwner(port, {
    execFile: (file, args, options) => execFileText(file, args, { ...options, encoding: 'utf8' }),
    ownPid: process.pid,
    probeGateway,
  });
  return owner.description;
}
