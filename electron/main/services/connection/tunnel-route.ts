// An SSH tunnel seen as a route: its detailed stages (resolving, verifying the host key, authenticating, ...)
// become "starting" with a few words for the view, forwarding becomes "up", and the Gateway URL is the tunnel's
// local end on whichever port it bound; the app's own Gateway client takes a channel straight to the Gateway.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { appError } from '../../../shared/errors';
import { errorOf } from '../../app-failure';
import { GatewayConnectFailure } from '../gateway/gateway-errors';
import type { RouteDetails } from '../../../shared/connection-status';
import type { SshTunnel } from '../ssh/tunnel';
import type { TunnelState } from '../ssh/types';
import type { Route, RouteState } from './route';

export function tunnelRoute(
  tunnel: SshTunnel,
  details: Omit<RouteDetails, 'url' | 'localPort'>,
): Route & Required<Pick<Route, 'openStream'>> {
  return new TunnelRoute(tunnel, details);
}

class TunnelRoute extends EventEmitter<{ state: [RouteState] }> implements Route {
  readonly #tunnel: SshTunnel;
  readonly #details: Omit<RouteDetails, 'url' | 'localPort'>;
  #state: RouteState;

  constructor(tunnel: SshTunnel, details: Omit<RouteDetails, 'url' | 'localPort'>) {
    super();
    this.#tunnel = tunnel;
    this.#details = details;
    this.#state = routeStateOf(tunnel.state);
    tunnel.on('state', (tunnelState) => {
      this.#state = routeStateOf(tunnelState);
      this.emit('state', this.#state);
    });
  }

  get state(): RouteState {
    return this.#state;
  }

  async start(): Promise<RouteDetails & { url: string }> {
    const { localPort } = await this.#tunnel.start();
    return { ...this.#details, localPort, url: `ws://127.0.0.1:${localPort}` };
  }

  async openStream(): Promise<Duplex> {
    try {
      return await this.#tunnel.openStream();
    } catch (error) {
      const reason = errorOf(error, 'forward-failed');
      // Only a server that forbids forwarding needs a person; a link coming back or a Gateway restarting do not.
      throw new GatewayConnectFailure({ retry: reason.kind !== 'forwarding-prohibited', error: reason });
    }
  }

  nudge(): void {
    this.#tunnel.nudge();
  }

  stop(): Promise<void> {
    return this.#tunnel.stop();
  }
}

function routeStateOf(tunnel: TunnelState): RouteState {
  switch (tunnel.state) {
    case 'forwarding':
      return { phase: 'up' };
    case 'reconnecting':
      return {
        phase: 'reconnecting',
        attempt: tunnel.attempt,
        nextInMs: tunnel.nextInMs,
        lastError: tunnel.lastError,
      };
    case 'failed':
      return { phase: 'failed', error: appError(tunnel.kind, tunnel.message, tunnel.hint) };
    case 'idle':
    case 'resolving':
      return { phase: 'starting', stage: 'reading the SSH configuration' };
    case 'connecting':
      return { phase: 'starting', stage: `connecting to ${tunnel.host}:${tunnel.port}` };
    case 'verifying-host':
      return { phase: 'starting', stage: `checking the host key of ${tunnel.host}` };
    case 'authenticating':
      return { phase: 'starting', stage: `signing in as ${tunnel.user}` };
  }
}
