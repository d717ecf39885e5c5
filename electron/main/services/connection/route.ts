// What the connection manager needs of a way to reach a Gateway, whatever it is (an SSH tunnel, a tailnet URL, a
// direct URL): start it, learn the URL to open (or open a stream to it), follow whether the link is up, retrying
// or given up, and stop it.
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { AppError } from '../../../shared/errors';
import type { RouteDetails } from '../../../shared/connection-status';

export type RouteState =
  | { phase: 'starting'; stage?: string }
  | { phase: 'up' }
  | { phase: 'reconnecting'; attempt: number; nextInMs: number; lastError: AppError }
  | { phase: 'failed'; error: AppError };

export interface Route extends EventEmitter<{ state: [RouteState] }> {
  readonly state: RouteState;
  /** Binds what must be bound (an SSH tunnel's local port) and starts linking; resolves with the URL to open. */
  start(): Promise<RouteDetails & { url: string }>;
  /**
   * A stream straight to the Gateway for a client in this process (an SSH tunnel's channel), skipping the local
   * end other programs use; rejects with a GatewayConnectFailure. Routes without one are reached at the URL.
   */
  openStream?(): Promise<Duplex>;
  /** Retry at once if waiting to (wake from sleep, a new network). */
  nudge(): void;
  stop(): Promise<void>;
}
