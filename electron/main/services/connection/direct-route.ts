// A Gateway URL reached as it is (a direct ws:// or wss:// URL, or a device on the tailnet): nothing to set up, so
// the route is up from the start and every fault shows in the Gateway client instead.
import { EventEmitter } from 'node:events';
import type { RouteDetails } from '../../../shared/connection-status';
import type { LinkState } from '../../../shared/link-state';
import type { Clock } from '../system/clock';
import type { Route } from './route';

export function createDirectRoute(details: RouteDetails & { url: string }, clock: Clock): Route {
  return new DirectRoute(details, clock.now());
}

class DirectRoute extends EventEmitter<{ state: [LinkState] }> implements Route {
  readonly state: LinkState;
  readonly #details: RouteDetails & { url: string };

  constructor(details: RouteDetails & { url: string }, since: number) {
    super();
    this.#details = details;
    this.state = { phase: 'up', since };
  }

  async start(): Promise<RouteDetails & { url: string }> {
    return this.#details;
  }

  nudge(): void {}

  async stop(): Promise<void> {}
}
