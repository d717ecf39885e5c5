// The JSON of `status --json`, whose fields scripts rely on: ok, profile, route, latencyMs, gateway.version, error.
// (The line a person reads is the shared describer's statusLine, as in the window and the tray.)
import type { ConnectionError, ConnectionStatus, RouteDetails } from '../../../shared/connection-status';
import type { Profile } from '../../../shared/profile';

export interface StatusReport {
  ok: boolean;
  state: ConnectionStatus['state'];
  profile: { id: string; name: string };
  route: RouteDetails | null;
  latencyMs: number | null;
  gateway: { version: string } | null;
  error: ConnectionError | null;
}

export function statusReport(profile: Profile, status: ConnectionStatus): StatusReport {
  const up = status.state === 'connected' || status.state === 'degraded';
  return {
    ok: status.state === 'connected',
    state: status.state,
    profile: { id: profile.id, name: profile.name },
    route: status.route ?? null,
    latencyMs: up ? (status.latencyMs ?? null) : null,
    gateway: status.gatewayVersion ? { version: status.gatewayVersion } : null,
    error: status.lastError ?? null,
  };
}

/** One line for a person (two after an error: its next step), in the words the window and the menu bar use. */
