// The SSH tunnel: 127.0.0.1:<local port> forwarded over the current SSH connection to <remote host>:<remote port>
// as `ssh -N -L` does, and channels to the same place for a client in this process. A link supervisor keeps the
// connection up, a fresh client per attempt, watching the SSH server's port while down; the tunnel says which
// failures a person must fix.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { appError, type AppError } from '../../../shared/errors';
import type { LinkStep } from '../../../shared/link-state';
import { AppFailure } from '../../app-failure';
import { createReconnectPolicy, type ReconnectPolicy } from '../link/reconnect-policy';
import { LinkSupervisor, type Attempt } from '../link/supervisor';
import { createTcpProbe } from '../link/tcp-probe';
import type { Logger } from '../log/app-log';
import { measureRoundTrip } from './round-trip';
import type { Clock, TimerHandle } from '../system/clock';
import type { Forwarding, TunnelCounters, TunnelState } from './types';

export interface ConnectHooks {
  signal: AbortSignal;
  onStep: (step: LinkStep) => void;
}

export interface TunnelOptions {
  /** 0 picks any free port. */
  localPort: number;
  remoteHost: string;
  remotePort: number;
  /** Use a free ephemeral port when the local port is taken, instead of failing. */
  useEphemeralPortIfBusy: boolean;
  /** Opens one ready SSH connection (resolution, host key, authentication); rejects with an AppFailure. */
  connect: (hooks: ConnectHooks) => Promise<Client>;
  /** Whether a failure of this kind may be retried without a person acting first. */
  isRetryable: (kind: string, hadConnected: boolean) => boolean;
  /** Says who holds a busy local port ("another ssh tunnel, ssh (pid 12)"). */
  describePortOwner: (port: number) => Promise<string>;
  log: Logger;
  clock: Clock;
  policy?: ReconnectPolicy;
  /**
   * Whether the SSH server answers, probed while the link is down. Default: a TCP connection to the first server the
   * last attempt reached for (the first ProxyJump hop, or the destination), at the host and port it resolved to.
   */
  peerAnswers?: (signal: AbortSignal) => Promise<boolean>;
  /** How long a forwarded socket may wait for its SSH channel to open. */
  channelOpenTimeoutMs?: number;
  /** How often the keepalive round trip is measured while forwarding. */
  rttIntervalMs?: number;
  /** Each keepalive round trip measured while forwarding, in ms (the stability history). */
  onRoundTrip?: (ms: number) => void;
}

interface TunnelEvents {
  state: [TunnelState];
}

const DEFAULT_CHANNEL_OPEN_TIMEOUT_MS = 10_000;
const DEFAULT_RTT_INTERVAL_MS = 15_000;
/** After a wake or network change, a link that cannot answer within this is treated as dead. */
const NUDGE_PROBE_TIMEOUT_MS = 5_000;

export class SshTunnel extends EventEmitter<TunnelEvents> {
  readonly #options: TunnelOptions;
  readonly #clock: Clock;
  readonly #link: LinkSupervisor<Forwarding>;
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  #client: Client | undefined;
  #rttTimer: TimerHandle;
  /** Where the last attempt first connected to: the server whose port the peer watch probes. */
  #firstServer: { host: string; port: number } | undefined;
  #everConnected = false;
  #running = false;
  #localPort = 0;
  #counters: TunnelCounters = {
    bytesToRemote: 0,
    bytesFromRemote: 0,
    openChannels: 0,
    acceptedSockets: 0,
    reconnects: 0,
    keepaliveRttMs: undefined,
  };

  constructor(options: TunnelOptions) {
    super();
    this.#options = options;
    this.#clock = options.clock;
    const probe = createTcpProbe(options.clock);
    this.#link = new LinkSupervisor({
      name: 'the SSH link',
      attempt: (attempt) => this.#attempt(attempt),
      failureOf: (thrown, wasEverUp) => {
        const error = toAppError(thrown);
        return { error, retry: options.isRetryable(error.kind, wasEverUp) };
      },
      checkWhenNudged: () => this.#checkAnswers(),
      peerAnswers:
        options.peerAnswers ??
        (async (signal) => {
          const server = this.#firstServer;
          return server !== undefined && (await probe(server.host, server.port, signal));
        }),
      onState: (state) => this.emit('state', state),
      policy: options.policy ?? createReconnectPolicy(),
      clock: options.clock,
      log: options.log,
    });
  }

  get state(): TunnelState {
    return this.#link.state;
  }

  /** The port actually listening (differs from the requested one after an ephemeral fallback). */
  get localPort(): number {
    return this.#localPort;
  }

  counters(): TunnelCounters {
    let toRemote = this.#counters.bytesToRemote;
    let fromRemote = this.#counters.bytesFromRemote;
    for (const socket of this.#sockets) {
      toRemote += socket.bytesRead;
      fromRemote += socket.bytesWritten;
    }
    return { ...this.#counters, bytesToRemote: toRemote, bytesFromRemote: fromRemote };
  }

  /** Binds the local listener (failing at once if the port is taken) and starts connecting. */
  async start(): Promise<{ localPort: number }> {
    if (this.#running) throw new Error('The tunnel is already running.');
    this.#running = true;
    try {
      this.#server = await this.#listen();
    } catch (error) {
      this.#running = false;
      throw error;
    }
    this.#link.start();
    return { localPort: this.#localPort };
  }

  /** Closes the connection, the listener and every forwarded socket; nothing reconnects afterwards. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    // Aborts the attempt under way, or ends the live client and cuts the sockets forwarded over it.
    this.#link.stop();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Something changed (wake from sleep, a new network): retry at once if waiting to reconnect, and if the
   * link claims to be up, check it answers rather than waiting for keepalives to notice it died.
   */
  nudge(): void {
    this.#link.nudge();
  }

  /** Nudged while forwarding: a link that cannot answer within a few seconds is taken for dead and reconnected. */
  #checkAnswers(): void {
    const client = this.#client;
    if (!client) return;
    void this.#measureRtt(client, NUDGE_PROBE_TIMEOUT_MS).then((answered) => {
      if (!answered && client === this.#client) {
        this.#options.log.warn('The SSH link did not answer after a network change; reconnecting');
        client.destroy();
      }
    });
  }

  async #listen(): Promise<net.Server> {
    const { localPort, useEphemeralPortIfBusy, describePortOwner, log } = this.#options;
    try {
      return await this.#bind(localPort);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        throw new AppFailure(
          appError(
            'local-listen-failed',
            `Could not listen on 127.0.0.1:${localPort}: ${(error as Error).message}.`,
            'Pick another local port in the profile.',
          ),
        );
      }
      const owner = await describePortOwner(localPort);
      if (useEphemeralPortIfBusy) {
        const server = await this.#bind(0);
        log.warn(`Port ${localPort} is in use by ${owner}; forwarding from port ${this.#localPort} instead`);
        return server;
      }
      const free = await findFreePort();
      throw new AppFailure(
        appError(
          'local-port-in-use',
          `Port ${localPort} on this Mac is already in use by ${owner}.`,
          `Stop that program, or use another local port: ${free} is free right now. ` +
            'Turning on “use any free port” picks one automatically.',
        ),
      );
    }
  }

  #bind(port: number): Promise<net.Server> {
    return new Promise((resolve, reject) => {
      // allowHalfOpen: a client that ends its writing side must still receive the Gateway's reply.
      const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.#accept(socket));
      server.once('error', reject);
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (error) => this.#options.log.error(`Local listener error: ${error.message}`));
        this.#localPort = (server.address() as net.AddressInfo).port;
        resolve(server);
      });
    });
  }

  #accept(socket: net.Socket): void {
    this.#counters.acceptedSockets += 1;
    socket.on('error', () => socket.destroy());
    if (!this.#client || this.state.phase !== 'up') {
      // Never leave a client hanging while the link is down: it can retry as soon as we are back.
      socket.destroy();
      return;
    }
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      this.#counters.bytesToRemote += socket.bytesRead;
      this.#counters.bytesFromRemote += socket.bytesWritten;
    });
    socket.pause();
    this.#openChannel(socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0).then(
      (channel) => {
        if (socket.destroyed) channel.close();
        else this.#splice(socket, channel);
      },
      (error: unknown) => {
        this.#options.log.warn(`${toAppError(error).message} Closed the local connection.`);
        socket.destroy();
      },
    );
  }

  /** The SSH connection while the link is up (commands and files on the host go over it), else undefined. */
  liveClient(): Client | undefined {
    return this.state.phase === 'up' ? this.#client : undefined;
  }

  /**
   * A channel to the forwarded port for a client in this process (the app's own Gateway connection): the same
   * destination as a socket accepted on the local port, without the hop through the kernel's loopback there and
   * back, which measured a third of a small message's round trip. Rejects with an AppFailure.
   */
  async openStream(): Promise<ClientChannel> {
    const channel = await this.#openChannel('127.0.0.1', 0);
    this.#counters.openChannels += 1;
    channel.once('close', () => {
      this.#counters.openChannels -= 1;
    });
    // A local socket counts its own bytes; a channel does not, so count what passes its two ends (ssh2's channel
    // hands every incoming chunk to push(), and every write, end(chunk) included, reaches _write as a Buffer).
    const push = channel.push.bind(channel);
    channel.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
      if (chunk) this.#counters.bytesFromRemote += chunk.length;
      return push(chunk, encoding);
    };
    const write = channel._write.bind(channel);
    channel._write = (chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void) => {
      this.#counters.bytesToRemote += chunk.length;
      write(chunk, encoding, callback);
    };
    return channel;
  }

  /** Asks the host to connect to the remote end, as the given local peer; rejects with an AppFailure. */
  #openChannel(originAddress: string, originPort: number): Promise<ClientChannel> {
    const client = this.#client;
    const { remoteHost, remotePort } = this.#options;
    if (!client || this.state.phase !== 'up') return Promise.reject(new AppFailure(linkDown()));
    const timeoutMs = this.#options.channelOpenTimeoutMs ?? DEFAULT_CHANNEL_OPEN_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = this.#clock.setTimeout(() => {
        timedOut = true;
        reject(new AppFailure(channelOpenTimedOut(remoteHost, remotePort, timeoutMs)));
      }, timeoutMs);
      const onChannel = (error: (Error & { reason?: number | string }) | undefined, channel: ClientChannel) => {
        this.#clock.clearTimeout(timer);
        if (timedOut) {
          if (!error) channel.close();
        } else if (error) {
          reject(new AppFailure(forwardRefused(error, remoteHost, remotePort)));
        } else {
          resolve(channel);
        }
      };
      try {
        client.forwardOut(originAddress, originPort, remoteHost, remotePort, onChannel);
      } catch {
        // ssh2 throws "Not connected" when the link died a moment ago.
        this.#clock.clearTimeout(timer);
        reject(new AppFailure(linkDown()));
      }
    });
  }

  /** Joins a local socket and an SSH channel both ways, keeping half-close and backpressure. */
  #splice(socket: net.Socket, channel: ClientChannel): void {
    this.#counters.openChannels += 1;
    channel.once('close', () => {
      this.#counters.openChannels -= 1;
    });
    const abort = () => {
      socket.destroy();
      channel.destroy();
    };
    channel.on('error', abort);
    socket.on('error', abort);
    forward(socket, channel);
    forward(channel, socket);
    // When one side closes, the other is torn down only if it was not already finishing normally: an ended
    // side may still hold bytes on their way out (a large reply to a slow reader).
    channel.once('close', () => {
      if (!socket.writableEnded) socket.destroy();
    });
    socket.once('close', () => {
      if (!channel.writableEnded) channel.destroy();
    });
    socket.resume();
  }

  /** One attempt: a fresh SSH connection, forwarding from the moment it is ready until it closes. */
  async #attempt(attempt: Attempt<Forwarding, AppError>): Promise<void> {
    const { signal } = attempt;
    let reached = false;
    const onStep = (step: LinkStep) => {
      if (step.step === 'connecting' && !reached) {
        reached = true;
        this.#firstServer = { host: step.host, port: step.port };
      }
      attempt.step(step);
    };
    const client = await this.#options.connect({ signal, onStep });
    if (signal.aborted) {
      client.end();
      return;
    }
    this.#client = client;
    if (this.#everConnected) this.#counters.reconnects += 1;
    this.#everConnected = true;
    let lastError: Error | undefined;
    client.on('error', (error) => {
      lastError = error;
    });
    client.once('close', () => {
      this.#dropped(client);
      const reason = lastError?.message ?? 'the server closed the connection';
      attempt.lost({ error: connectionLost(reason), retry: true });
    });
    // Over, whether stopped or lost: nothing may use this client any more.
    signal.addEventListener(
      'abort',
      () => {
        this.#dropped(client);
        client.end();
      },
      { once: true },
    );
    const { remoteHost, remotePort } = this.#options;
    attempt.up({ localPort: this.#localPort, remoteHost, remotePort });
    this.#startRttProbe(client);
  }

  /** The connection closed: stop using it, and cut what went through it. */
  #dropped(client: Client): void {
    if (client !== this.#client) return;
    this.#client = undefined;
    this.#stopRttProbe();
    // A reset, not an orderly close: a client must not take a reply cut off by the lost link for a whole one.
    for (const socket of this.#sockets) socket.resetAndDestroy();
  }

  #startRttProbe(client: Client): void {
    const interval = this.#options.rttIntervalMs ?? DEFAULT_RTT_INTERVAL_MS;
    const probe = () => {
      this.#rttTimer = this.#clock.setTimeout(probe, interval);
      void this.#measureRtt(client, interval);
    };
    probe();
  }

  #stopRttProbe(): void {
    this.#clock.clearTimeout(this.#rttTimer);
    this.#rttTimer = undefined;
  }

  /** One round trip over the SSH connection, kept in the counters and handed to whoever records them. */
  async #measureRtt(client: Client, timeoutMs: number): Promise<boolean> {
    const ms = await measureRoundTrip(client, this.#clock, timeoutMs);
    if (ms === undefined) return false;
    if (client === this.#client) {
      this.#counters.keepaliveRttMs = ms;
      this.#options.onRoundTrip?.(ms);
    }
    return true;
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  const message = error instanceof Error ? error.message : String(error);
  return appError('connection-failed', `Could not connect: ${message}.`, 'Check the host and try again.');
}

function connectionLost(reason: string): AppError {
  return appError(
    'connection-lost',
    `The SSH connection was lost: ${reason}.`,
    'OpenClaw Remote reconnects by itself; if it keeps happening, check this Mac’s network and the host.',
  );
}

function linkDown(): AppError {
  return appError(
    'ssh-link-down',
    'The SSH link is down.',
    'OpenClaw Remote reconnects it by itself; the connection status shows when it is back.',
  );
}

function channelOpenTimedOut(remoteHost: string, remotePort: number, timeoutMs: number): AppError {
  return appError(
    'forward-timeout',
    `The host did not open a connection to ${remoteHost}:${remotePort} within ${timeoutMs / 1000} s.`,
    'The link may be congested or dead; OpenClaw Remote tries again.',
  );
}

/** Why the host would not open a forwarded channel: forbidden by sshd, or nothing listening there. */
export function forwardRefused(
  error: Error & { reason?: number | string },
  remoteHost: string,
  remotePort: number,
): AppError {
  const detail = error.message.replace(/^\(SSH\) Channel open failure: /u, '');
  // reason 1 is ADMINISTRATIVELY_PROHIBITED: sshd forbids forwarding (AllowTcpForwarding, PermitOpen).
  if (error.reason === 1) {
    return appError(
      'forwarding-prohibited',
      `The SSH server does not allow forwarding to ${remoteHost}:${remotePort} (${detail}).`,
      'Ask its administrator to allow TCP forwarding (AllowTcpForwarding and PermitOpen in sshd_config) for your user.',
    );
  }
  return appError(
    'forward-failed',
    `The host could not open a connection to ${remoteHost}:${remotePort} (${detail}).`,
    `Nothing may listen on port ${remotePort} there: check that the service runs on the host and that the remote port is right.`,
  );
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One direction of a forwarded connection: what `pipe()` does here (backpressure, and EOF ending only this
 * direction) without its per-chunk bookkeeping; measured, the tunnel's thread spends about a tenth less CPU per
 * small request and reply.
 */
function forward(from: Readable, to: Writable): void {
  from.on('data', (chunk: Buffer) => {
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
  from.once('end', () => to.end());
}
