// `profiles add`'s flags, read into a route: exactly one of --ssh, --tailscale or --url, each with the flags that
// belong to it. Field values are checked by the profile schema and the profile service, which name what is wrong.
import { appError } from '../../../shared/errors';
import type { DirectRoute, SshRoute } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';

/** The flags `profiles add` takes, as parseArgs returns them. */
export interface ProfileFlags {
  ssh?: string;
  'ssh-port'?: string;
  identity?: string;
  'local-port'?: string;
  'remote-port'?: string;
  'ephemeral-port-fallback'?: boolean;
  'allow-password'?: boolean;
  'keepalive-interval'?: string;
  'keepalive-count-max'?: string;
  tailscale?: string;
  via?: string;
  url?: string;
  'tls-fingerprint'?: string;
  'accept-insecure'?: boolean;
}

export const PROFILE_FLAG_OPTIONS = {
  ssh: { type: 'string' },
  'ssh-port': { type: 'string' },
  identity: { type: 'string' },
  'local-port': { type: 'string' },
  'remote-port': { type: 'string' },
  'ephemeral-port-fallback': { type: 'boolean' },
  'allow-password': { type: 'boolean' },
  'keepalive-interval': { type: 'string' },
  'keepalive-count-max': { type: 'string' },
  tailscale: { type: 'string' },
  via: { type: 'string' },
  url: { type: 'string' },
  'tls-fingerprint': { type: 'string' },
  'accept-insecure': { type: 'boolean' },
} as const;

export type RouteChoice =
  | {
      kind: 'ssh';
      route: Omit<SshRoute, 'localPort' | 'remotePort' | 'useEphemeralPortIfBusy' | 'allowPassword'> &
        Partial<SshRoute>;
    }
  | { kind: 'direct'; route: Partial<DirectRoute> & Pick<DirectRoute, 'kind' | 'url'> }
  | { kind: 'tailscale'; device: string; via?: 'url' | 'ssh'; ssh: Partial<Omit<SshRoute, 'kind' | 'target'>> };

export function routeChoiceOf(flags: ProfileFlags): RouteChoice {
  const given = (['ssh', 'tailscale', 'url'] as const).filter((name) => flags[name] !== undefined);
  if (given.length !== 1) {
    throw usage(
      given.length === 0
        ? 'Say how to reach the Gateway: --ssh user@host[:port], --tailscale DEVICE or --url ws(s)://….'
        : `Give only one of --ssh, --tailscale and --url (got ${given.map((name) => `--${name}`).join(' and ')}).`,
    );
  }
  const sshFlags = {
    ...optionalPort(flags, 'ssh-port', 'sshPort'),
    ...(flags.identity === undefined ? {} : { identityFile: flags.identity }),
    ...optionalPort(flags, 'local-port', 'localPort'),
    ...optionalPort(flags, 'remote-port', 'remotePort'),
    ...(flags['ephemeral-port-fallback'] ? { useEphemeralPortIfBusy: true } : {}),
    ...(flags['allow-password'] ? { allowPassword: true } : {}),
    ...optionalWhole(flags, 'keepalive-interval', 'keepaliveIntervalSeconds'),
    ...optionalWhole(flags, 'keepalive-count-max', 'keepaliveCountMax'),
  };
  refuseFlags(flags, flags.url === undefined ? ['tls-fingerprint', 'accept-insecure'] : [], 'only go with --url');
  if (flags.ssh !== undefined) {
    refuseFlags(flags, ['via'], 'only goes with --tailscale');
    return { kind: 'ssh', route: { kind: 'ssh', target: flags.ssh, ...sshFlags } };
  }
  if (flags.url !== undefined) {
    refuseFlags(
      flags,
      ['via', ...(Object.keys(SSH_ONLY) as (keyof ProfileFlags)[])],
      'only go with --ssh or --tailscale',
    );
    return {
      kind: 'direct',
      route: {
        kind: 'direct',
        url: flags.url,
        ...(flags['tls-fingerprint'] === undefined ? {} : { tlsFingerprint: flags['tls-fingerprint'] }),
        ...(flags['accept-insecure'] ? { acceptInsecure: true } : {}),
      },
    };
  }
  if (flags.via !== undefined && flags.via !== 'url' && flags.via !== 'ssh') {
    throw usage(
      `--via is "url" (the Gateway's URL on the tailnet) or "ssh" (an SSH tunnel over the tailnet), not "${flags.via}".`,
    );
  }
  return { kind: 'tailscale', device: flags.tailscale ?? '', ...(flags.via ? { via: flags.via } : {}), ssh: sshFlags };
}

const SSH_ONLY = {
  'ssh-port': true,
  identity: true,
  'local-port': true,
  'remote-port': true,
  'ephemeral-port-fallback': true,
  'allow-password': true,
  'keepalive-interval': true,
  'keepalive-count-max': true,
} as const;

function optionalPort<K extends string>(flags: ProfileFlags, flag: keyof ProfileFlags, key: K) {
  return optionalNumber(flags, flag, key, { digits: 5, what: 'a port number' });
}

/** A whole number whose range the profile schema checks, with its own sentence. */
function optionalWhole<K extends string>(flags: ProfileFlags, flag: keyof ProfileFlags, key: K) {
  return optionalNumber(flags, flag, key, { digits: 6, what: 'a whole number' });
}

/** A flag's digits as the number `key` holds; more digits than `digits` could never be in range. */
function optionalNumber<K extends string>(
  flags: ProfileFlags,
  flag: keyof ProfileFlags,
  key: K,
  shape: { digits: number; what: string },
): Partial<Record<K, number>> {
  const text = flags[flag];
  if (typeof text !== 'string') return {};
  if (!new RegExp(`^\\d{1,${shape.digits}}$`, 'u').test(text))
    throw usage(`--${flag} takes ${shape.what}, not "${text}".`);
  return { [key]: Number(text) } as Partial<Record<K, number>>;
}

function refuseFlags(flags: ProfileFlags, names: readonly (keyof ProfileFlags)[], why: string): void {
  const present = names.filter((name) => flags[name] !== undefined && flags[name] !== false);
  if (present.length > 0) throw usage(`${present.map((name) => `--${name}`).join(', ')} ${why}.`);
}

/** A mistake in the command line itself (exit code 2), as opposed to a refused value. */
export class UsageError extends AppFailure {}

export function usage(message: string): UsageError {
  return new UsageError(appError('usage', message, 'See "openclaw-remote --help".'));
}
