// An SSH tunnel seen as a route: its link state as it is, the Gateway URL at the tunnel's local end on whichever
// port it bound, and for the app's own Gateway client a channel straight to the Gateway, whose failures the client
// reads as a Gateway's.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { RouteDetails } from '../../../shared/connection-status';
import type { LinkState } from '../../../shared/link-state';
import { errorOf } from '../../app-failure';
import { GatewayConnectFailure } from '../gateway/gateway-errors';
import type { SshTunnel } from '../ssh/tunnel';
import type { Route } from './route';

export function tunnelRoute(
  tunnel: SshTunnel,
  details: Omit<RouteDetails, 'url' | 'localPort'>,
): Route & Required<Pick<Route, 'openStream' | 'sshClient'>> {
  return new TunnelRoute(tunnel, details);
}

class TunnelRoute extends EventEmitter<{ state: [LinkState] }> implements Route {
  readonly #tunnel: SshTunnel;
  readonly #details: Omit<RouteDetails, 'url' | 'localPort'>;

  constructor(tunnel: SshTunnel, details: Omit<RouteDetails, 'url' | 'localPort'>) {
    super();
    this.#tunnel = tunnel;
    this.#details = details;
    tunnel.on('state', (state) => this.emit('state', state));
  }

  get state(): LinkState {
    return this.#tunnel.state;
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

  sshClient(): Client | undefined {
    return this.#tunnel.liveClient();
  }

  nudge(): void {
    this.#tunnel.nudge();
  }

  stop(): Promise<void> {
    return this.#tunnel.stop();
  }
}
