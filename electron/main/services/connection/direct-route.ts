// A Gateway URL reached as it is (a direct ws:// or wss:// URL, or a device on the tailnet): nothing to set up, so
// the route is up from the start and every fault shows in the Gateway client instead.
import { EventEmitter } from 'node:events';
import type { RouteDetails } from '../../../shared/connection-status';
import type { Route, RouteState } from './route';

export function createDirectRoute(details: RouteDetails & { url: string }): Route {
  return new DirectRoute(details);
}

class DirectRoute extends EventEmitter<{ state: [RouteState] }> implements Route {
  readonly state: RouteState = { phase: 'up' };
  readonly #details: RouteDetails & { url: string };

  constructor(details: RouteDetails & { url: string }) {
    super();
    this.#details = details;
  }

  async start(): Promise<RouteDetails & { url: string }> {
    return this.#details;
  }

  nudge(): void {}

  async stop(): Promise<void> {}
}
