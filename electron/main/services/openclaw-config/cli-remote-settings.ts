// What gateway.remote must say for the OpenClaw CLI to reach a profile's Gateway the way the app does: over an SSH
// route, the local end of the app's own tunnel (`openclaw gateway health` and `call` connect to gateway.remote.url
// and never start ssh themselves); otherwise the URL itself. Keys describing another route are dropped.
import { appError } from '../../../shared/errors';
import type { Route, SshRoute } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';
import { parseTarget } from '../ssh/target';

/** The gateway.remote keys the app manages; every other key in the file is left as it is. */
export const MANAGED_REMOTE_KEYS = [
  'transport',
  'url',
  'remotePort',
  'sshTarget',
  'sshIdentity',
  'sshHostKeyPolicy',
  'token',
  'password',
  'tlsFingerprint',
  'edgeAuth',
] as const;
export type ManagedRemoteKey = (typeof MANAGED_REMOTE_KEYS)[number];

export interface CliAccess {
  /** The token the app signs in with; undefined for a Gateway without auth, which removes any stale credential. */
  token: string | undefined;
  /** The port our SSH tunnel listens on right now; needed for SSH routes, where it becomes gateway.remote.url. */
  tunnelLocalPort?: number;
}

type RemoteSettings = Record<ManagedRemoteKey, unknown>;
type SshSide = Pick<SshRoute, 'target' | 'sshPort' | 'remotePort' | 'identityFile'>;

/** Each managed key's new value, undefined meaning the key is removed. `current` is gateway.remote as it is now. */
export function cliRemoteSettings(
  route: Route,
  access: CliAccess,
  current: Readonly<Record<string, unknown>>,
): RemoteSettings {
  switch (route.kind) {
    case 'ssh':
      return overSsh(route, access, current);
    case 'direct':
      return direct(route.url, route.tlsFingerprint, access, current);
    case 'tailscale':
      return route.via.kind === 'ssh'
        ? overSsh(route.via, access, current)
        : direct(route.via.url, undefined, access, current);
  }
}

function overSsh(ssh: SshSide, access: CliAccess, current: Readonly<Record<string, unknown>>): RemoteSettings {
  if (access.tunnelLocalPort === undefined) {
    throw new AppFailure(
      appError(
        'openclaw-config-no-tunnel',
        'The SSH tunnel is not open, so there is no local port to point the OpenClaw CLI at.',
        'Connect first; the app sets up the OpenClaw CLI once the tunnel is up.',
      ),
    );
  }
  const sshTarget = targetWithPort(ssh.target, ssh.sshPort);
  return {
    transport: 'ssh',
    url: `ws://127.0.0.1:${access.tunnelLocalPort}`,
    remotePort: ssh.remotePort,
    sshTarget,
    sshIdentity: ssh.identityFile,
    // As in OpenClaw's own app: another target starts again from the strict default.
    sshHostKeyPolicy: current.sshTarget === sshTarget ? current.sshHostKeyPolicy : undefined,
    ...credential(access),
    // A certificate pin and proxy headers only apply to wss://; the tunnel's URL is plain ws:// on loopback.
    tlsFingerprint: undefined,
    edgeAuth: undefined,
  };
}

function direct(
  url: string,
  tlsFingerprint: string | undefined,
  access: CliAccess,
  current: Readonly<Record<string, unknown>>,
): RemoteSettings {
  return {
    transport: 'direct',
    url,
    remotePort: undefined,
    sshTarget: undefined,
    sshIdentity: undefined,
    sshHostKeyPolicy: undefined,
    ...credential(access),
    tlsFingerprint,
    // Proxy headers belong to one origin (the CLI sends them nowhere else), so they survive only if it is the same.
    edgeAuth: sameOrigin(current.url, url) ? current.edgeAuth : undefined,
  };
}

/** The app's token is the whole credential: an old password left beside it would be offered to the Gateway too. */
function credential(access: CliAccess): { token: string | undefined; password: undefined } {
  return { token: access.token, password: undefined };
}

/** The profile's SSH port, which overrides the target's, in the user@host:port form the CLI's sshTarget takes. */
function targetWithPort(target: string, sshPort: number | undefined): string {
  if (sshPort === undefined) return target;
  const { user, host } = parseTarget(target);
  return `${user === undefined ? '' : `${user}@`}${host.includes(':') ? `[${host}]` : host}:${sshPort}`;
}

function sameOrigin(previous: unknown, next: string): boolean {
  try {
    return typeof previous === 'string' && new URL(previous).origin === new URL(next).origin;
  } catch {
    return false;
  }
}
