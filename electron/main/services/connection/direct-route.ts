// A Gateway URL reached as it is (a direct ws:// or wss:// URL, or a device on the tailnet): nothing to set up, so
// the route is up from the start and every fault shows in the Gateway client instead.
import { EventEmitter } from 'node:events';
import type { RouteDetails } from '../../../shared/connection-status';
import type { Route, RouteState } from './route';

export function createDirectRoute(details: RouteDetails & { url: string }): Route {
  const state: RouteState = { phase: 'up' };
  return Object.assign(new EventEmitter<{ state: [RouteState] }>(), {
    get state() {
      return state;
    },
    start: async () => details,
    nudge: () => {},
    stop: async () => {},
  });
}
