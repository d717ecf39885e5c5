// What the connection manager needs of a way to reach a Gateway, whatever it is (an SSH tunnel, a tailnet URL, a
// direct URL): start it, learn the URL to open (or open a stream to it), follow its link state (the same shape the
// tunnel and the Gateway client report), and stop it.
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { RouteDetails } from '../../../shared/connection-status';
import type { LinkState } from '../../../shared/link-state';

export interface Route extends EventEmitter<{ state: [LinkState] }> {
  readonly state: LinkState;
  /** Binds what must be bound (an SSH tunnel's local port) and starts linking; resolves with the URL to open. */
  start(): Promise<RouteDetails & { url: string }>;
  /**
   * A stream straight to the Gateway for a client in this process (an SSH tunnel's channel), skipping the local
   * end other programs use; rejects with a GatewayConnectFailure. Routes without one are reached at the URL.
   */
  openStream?(): Promise<Duplex>;
  /** The SSH connection while it is up, for commands and files on the host; routes without SSH have none. */
  sshClient?(): Client | undefined;
  /** Retry at once if waiting to (wake from sleep, a new network). */
  nudge(): void;
  stop(): Promise<void>;
}
