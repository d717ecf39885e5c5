// Opens one ready SSH connection to a resolved target as ssh(1) would: through its ProxyJump hops, each hop
// verified and logged in to on its own, a fresh ssh2 Client every time, and every failure turned into an
// AppError that names the host and says what to do. Which failures are worth retrying is decided here too.
import { Client, type ClientChannel, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import type { SshErrorKind } from '../../../shared/error-kinds/ssh-errors';
import { appError, type AppError } from '../../../shared/errors';
import type { LinkStep } from '../../../shared/link-state';
import { AppFailure } from '../../app-failure';
import type { Logger } from '../log/app-log';
import type { Clock, TimerHandle } from '../system/clock';
import type { System } from '../system/system';
import { createAuthenticator } from './auth';
import { connectCoalescingSocket } from './coalescing-socket';
import type { HostVerifier } from './host-verifier';
import type { ResolvedSshConfig, SshPrompts } from './types';

export interface ConnectDefaults {
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** How long connecting and logging in may take, not counting the time a person spends answering a prompt. */
  readyTimeoutMs: number;
}

export const CONNECT_DEFAULTS: ConnectDefaults = {
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  readyTimeoutMs: 20_000,
};

export interface OpenSshConnectionOptions {
  config: ResolvedSshConfig;
  /** Resolves a ProxyJump hop's target with the same rules as the destination. */
  resolveHop: (target: string) => Promise<ResolvedSshConfig>;
  /** A host key verifier for one server; each hop and the destination get their own. */
  makeHostVerifier: (config: ResolvedSshConfig, host: string, port: number) => HostVerifier;
  prompts: Pick<SshPrompts, 'passphrase' | 'password'>;
  /** Key passphrases by file, kept by the caller across reconnects; memory only. */
  passphrases: Map<string, string>;
  allowPassword: boolean;
  /** Reads identity files and times each step. */
  system: System;
  log: Logger;
  /** What connecting is doing now: reaching each server, checking its host key, logging in. */
  onStep?: (step: LinkStep) => void;
  /** The login that worked on each server (`hop` undefined: the destination), as the key file or method. */
  onLoggedIn?: (login: { hop?: number; user: string; method: string }) => void;
  signal?: AbortSignal;
  defaults?: ConnectDefaults;
  /** Host key algorithms to offer first to one server (those of keys already on file for it). */
  preferredHostKeyAlgorithms?: (config: ResolvedSshConfig) => Promise<ServerHostKeyAlgorithm[]>;
}

/** The keepalive a connection runs with: ServerAliveInterval and ServerAliveCountMax, else the app's defaults. */
export function keepaliveOf(
  config: Pick<ResolvedSshConfig, 'serverAliveInterval' | 'serverAliveCountMax'>,
  defaults: ConnectDefaults = CONNECT_DEFAULTS,
): { intervalSeconds: number; countMax: number } {
  return {
    intervalSeconds: config.serverAliveInterval > 0 ? config.serverAliveInterval : defaults.keepaliveIntervalMs / 1000,
    countMax: config.serverAliveCountMax > 0 ? config.serverAliveCountMax : defaults.keepaliveCountMax,
  };
}

/** Network trouble passes; a refused key, an untrusted host or a name that does not resolve needs a person. */
// Read as text: the link supervisor passes on whatever kind a failure carried.
const RETRYABLE_KINDS: ReadonlySet<string> = new Set<SshErrorKind>([
  'host-unreachable',
  'handshake-timeout',
  'connection-lost',
]);

/**
 * Whether the tunnel may retry on its own after a failure of this kind (autossh's gate: never for auth or trust).
 * A name that stops resolving after the link once worked is a network change (sleep, a new Wi-Fi), not a typo.
 */
export function isRetryable(kind: string, hadConnected = false): boolean {
  return RETRYABLE_KINDS.has(kind) || (hadConnected && kind === 'dns-failed');
}

/** Connects through every ProxyJump hop to the destination; closing the returned client closes the hops too. */
export async function openSshConnection(options: OpenSshConnectionOptions): Promise<Client> {
  const { config, signal } = options;
  const clients: Client[] = [];
  try {
    const legs: Leg[] = [];
    for (const [index, target] of config.proxyJump.entries()) {
      throwIfCancelled(signal, config);
      legs.push({ config: await options.resolveHop(target), hop: index + 1 });
    }
    legs.push({ config });
    for (const leg of legs) {
      throwIfCancelled(signal, config);
      const preferred = (await options.preferredHostKeyAlgorithms?.(leg.config)) ?? [];
      clients.push(await connectLeg(options, leg, clients.at(-1), preferred));
    }
  } catch (error) {
    for (const client of clients) client.destroy();
    throw error;
  }
  const final = clients.pop() as Client;
  final.once('close', () => {
    for (const hop of clients) hop.end();
  });
  return final;
}

interface Leg {
  config: ResolvedSshConfig;
  /** 1-based ProxyJump position; undefined for the destination. */
  hop?: number;
}

type SshError = Error & { level?: string; code?: string | number; reason?: number };

type Phase = 'tcp' | 'handshake' | 'auth';

function connectLeg(
  options: OpenSshConnectionOptions,
  leg: Leg,
  via: Client | undefined,
  preferredHostKeyAlgorithms: ServerHostKeyAlgorithm[],
): Promise<Client> {
  const { log, signal, prompts } = options;
  const { config, hop } = leg;
  const host = config.hostname;
  const port = config.port;
  const where = describe(host, port, hop);
  const defaults = options.defaults ?? CONNECT_DEFAULTS;
  const timeoutMs = config.connectTimeout ? config.connectTimeout * 1000 : defaults.readyTimeoutMs;
  options.onStep?.(hop === undefined ? { step: 'connecting', host, port } : { step: 'connecting', host, port, hop });

  return new Promise<Client>((resolve, reject) => {
    const client = new Client();
    let channel: ClientChannel | undefined;
    let phase: Phase = via ? 'handshake' : 'tcp';
    let settled = false;
    const deadline = pausableDeadline(options.system.clock, timeoutMs, () =>
      fail(timedOut(phase, where, port, timeoutMs)),
    );
    const whilePersonAnswers = <T>(ask: () => Promise<T>): Promise<T> => {
      deadline.pause();
      return ask().finally(() => deadline.resume());
    };
    const askPassword = prompts.password?.bind(prompts);
    const auth = createAuthenticator({
      config,
      prompts: {
        passphrase: (request) => whilePersonAnswers(() => prompts.passphrase(request)),
        password: askPassword && ((request) => whilePersonAnswers(() => askPassword(request))),
      },
      passphrases: options.passphrases,
      allowPassword: options.allowPassword,
      system: options.system,
      log,
      where,
    });
    const verifier = options.makeHostVerifier(config, host, port);

    const onAbort = () => fail(appError('cancelled', `Connecting to ${where} was cancelled.`));

    function fail(error: AppError): void {
      if (settled) return;
      settled = true;
      deadline.stop();
      signal?.removeEventListener('abort', onAbort);
      log.debug(`SSH connection to ${where} failed (${error.kind}): ${error.message}`);
      client.destroy();
      channel?.destroy();
      reject(new AppFailure(error));
    }

    function classify(error: SshError): AppError | undefined {
      // ssh2 reports a key the agent would not sign with, or a key it could not use, as an 'error' and then
      // carries on with the next method; only running out of methods ends the login.
      if (error.level === 'agent') return undefined;
      if (error.level === 'client-authentication') return auth.exhausted() ? auth.failure() : undefined;
      const refusal = verifier.outcome();
      if (refusal) return refusal;
      if (error.message === 'Host denied (verification failed)') {
        return appError(
          'host-key-check-failed',
          `The host key of ${where} was not trusted, so the connection was closed.`,
          'Check the host key in your known_hosts file and connect again.',
        );
      }
      const code = typeof error.code === 'string' ? error.code : undefined;
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || error.level === 'client-dns') {
        return appError(
          'dns-failed',
          `The host name "${host}" could not be resolved to an address (${code ?? error.message}).`,
          'Check the spelling of the host name or use its IP address; for a Tailscale device check that ' +
            'Tailscale is connected and MagicDNS is on.',
        );
      }
      const unreachable = code === undefined ? undefined : UNREACHABLE[code];
      if (unreachable) {
        return appError('host-unreachable', `Could not reach ${where}: ${unreachable}.`, reachHint(port));
      }
      // A server that hangs up in the middle of the login (too many failures, LoginGraceTime) gives its reason.
      if (phase === 'auth' && typeof error.code === 'number') return auth.failure(error.message);
      if (error.level === 'handshake') {
        return appError(
          'handshake-failed',
          `The SSH handshake with ${where} failed: ${error.message}.`,
          'The server may require algorithms this app does not support; the system ssh (ssh -v) shows details.',
        );
      }
      return lost(error.message);
    }

    function lost(detail: string): AppError {
      return appError(
        'connection-lost',
        `The connection to ${where} was lost before the login completed (${detail}).`,
        'Try again; if it keeps happening, look at the server’s sshd log (MaxStartups, a firewall, fail2ban).',
      );
    }

    client.on('error', (error: SshError) => {
      if (settled) {
        log.debug(`SSH ${where}: ${error.message}`);
        return;
      }
      const failure = classify(error);
      if (failure) fail(failure);
      else log.debug(`SSH ${where}: ${error.message} (continuing)`);
    });
    client.on('connect', () => {
      phase = 'handshake';
    });
    client.on('handshake', () => {
      // Also fires on every later re-key.
      if (settled || phase === 'auth') return;
      phase = 'auth';
      options.onStep?.({ step: 'authenticating', user: config.user, host });
    });
    client.on('close', () => {
      if (!settled) fail(lost('the server closed the connection'));
      else log.debug(`SSH connection to ${where} closed`);
    });
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      deadline.stop();
      signal?.removeEventListener('abort', onAbort);
      const used = auth.attempts().findLast((attempt) => attempt.outcome === 'offered');
      const method = used?.key ?? used?.method ?? 'no authentication';
      log.info(`Logged in to ${where} as ${config.user} with ${method}`);
      options.onLoggedIn?.({ ...(hop === undefined ? {} : { hop }), user: config.user, method });
      resolve(client);
    });

    const connectConfig: ConnectConfig = {
      host,
      port,
      username: config.user,
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
        // ssh2 verifies again on every re-key of a live connection; that is no stage of connecting.
        if (settled) {
          verifier.hostVerifier(key, verify);
          return;
        }
        options.onStep?.({ step: 'verifying-host', host, port });
        deadline.pause();
        verifier.hostVerifier(key, (ok) => {
          deadline.resume();
          verify(ok);
        });
      },
      authHandler: auth.authHandler,
      keepaliveInterval: keepaliveOf(config, defaults).intervalSeconds * 1000,
      keepaliveCountMax: keepaliveOf(config, defaults).countMax,
      // Our own deadline replaces ssh2's, which would also count the minutes a person spends on a prompt.
      readyTimeout: 0,
      // ssh2 applies these in key order: take the preferred ones out, then put them first.
      ...(preferredHostKeyAlgorithms.length > 0
        ? {
            algorithms: {
              serverHostKey: { remove: preferredHostKeyAlgorithms, prepend: preferredHostKeyAlgorithms, append: [] },
            },
          }
        : {}),
    };

    const start = (hopChannel?: ClientChannel) => {
      try {
        const sock = hopChannel ?? connectCoalescingSocket(host, port);
        client.connect({ ...connectConfig, sock });
      } catch (error) {
        fail(lost(messageOf(error)));
      }
    };

    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    if (!via) {
      start();
      return;
    }
    try {
      via.forwardOut('127.0.0.1', 0, host, port, (error, opened) => {
        if (error) {
          fail(jumpFailure(error, where));
          return;
        }
        channel = opened;
        channel.on('error', (channelError: Error) => log.debug(`SSH channel to ${where}: ${channelError.message}`));
        // The hop going away must end this connection even if ssh2 leaves the channel half-open.
        via.once('close', () => channel?.destroy());
        if (settled) channel.destroy();
        else start(channel);
      });
    } catch (error) {
      // ssh2 throws "Not connected" when the hop died between its login and this call.
      fail(lost(`the jump host connection is gone: ${messageOf(error)}`));
    }
  });
}

/** Why a TCP connection failed, by Node's error code, in words that complete "Could not reach host:port: …". */
export const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens for SSH on that port)',
  EHOSTUNREACH: 'there is no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  ETIMEDOUT: 'the connection timed out',
  EADDRNOTAVAIL: 'the address is not available',
};

/** What to check when the SSH port cannot be reached. */
export function reachHint(port: number): string {
  return (
    `Check that the host is on and reachable from this Mac (network, VPN or Tailscale) and that sshd listens on ` +
    `port ${port}; for another port, give it in the target as user@host:port.`
  );
}

function timedOut(phase: Phase, where: string, port: number, timeoutMs: number): AppError {
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
  if (phase === 'tcp') {
    return appError('host-unreachable', `${where} did not answer within ${seconds}.`, reachHint(port));
  }
  const what =
    phase === 'handshake'
      ? `${where} accepted the connection, but the SSH handshake did not finish within ${seconds}`
      : `Logging in to ${where} did not finish within ${seconds}`;
  return appError(
    'handshake-timeout',
    `${what}.`,
    'The server may be overloaded, or something other than sshd may listen on that port; try again, or raise ' +
      'ConnectTimeout for this host in ~/.ssh/config.',
  );
}

function jumpFailure(error: SshError, where: string): AppError {
  // reason 1 is ADMINISTRATIVELY_PROHIBITED: the jump host's sshd forbids forwarding (AllowTcpForwarding).
  if (error.reason === 1) {
    return appError(
      'proxyjump-refused',
      `The jump host does not allow connections onward to ${where} (${error.message}).`,
      'Ask its administrator to allow TCP forwarding (AllowTcpForwarding in sshd_config) for your user.',
    );
  }
  return appError(
    'host-unreachable',
    `The jump host could not reach ${where} (${error.message}).`,
    'Check that the host name and port are right as seen from the jump host and that sshd runs there.',
  );
}

function describe(host: string, port: number, hop: number | undefined): string {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return hop === undefined ? address : `${address} (jump host ${hop})`;
}

function throwIfCancelled(signal: AbortSignal | undefined, config: ResolvedSshConfig): void {
  if (signal?.aborted) {
    const where = describe(config.hostname, config.port, undefined);
    throw new AppFailure(appError('cancelled', `Connecting to ${where} was cancelled.`));
  }
}

/** A deadline that stops counting while a person answers a prompt (passphrase, host key) and resumes after. */
function pausableDeadline(clock: Clock, ms: number, onExpire: () => void) {
  let remaining = ms;
  let startedAt = clock.now();
  let pauses = 0;
  let stopped = false;
  let timer: TimerHandle = clock.setTimeout(onExpire, ms);
  return {
    pause() {
      pauses += 1;
      if (pauses > 1 || timer === undefined) return;
      clock.clearTimeout(timer);
      timer = undefined;
      remaining -= clock.now() - startedAt;
    },
    resume() {
      pauses -= 1;
      if (pauses > 0 || stopped) return;
      startedAt = clock.now();
      timer = clock.setTimeout(onExpire, Math.max(remaining, 0));
    },
    stop() {
      stopped = true;
      clock.clearTimeout(timer);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
