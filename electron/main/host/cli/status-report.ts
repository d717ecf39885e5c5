// How the CLI shows a connection status: one line for a person (also each change during `connect`), and the JSON
// of `status --json`, whose fields scripts rely on: ok, profile, route, latencyMs, gateway.version, error.
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

export function describeStatus(status: ConnectionStatus): string {
  const who = status.profileName ?? 'no profile';
  const where = status.route?.localPort !== undefined ? ` on 127.0.0.1:${status.route.localPort}` : '';
  switch (status.state) {
    case 'idle':
      return 'Disconnected.';
    case 'connecting':
      return `${who}: connecting${status.route?.stage ? ` (${status.route.stage})` : ''}…`;
    case 'connected':
      return `${who}: connected${where}, Gateway ${status.gatewayVersion ?? '?'}${status.latencyMs === undefined ? '' : `, ${status.latencyMs} ms`}.`;
    case 'degraded':
      return `${who}: connected${where} but degraded: ${status.lastError?.message ?? 'health check failed'}`;
    case 'reconnecting': {
      const wait = status.retry
        ? ` (attempt ${status.retry.attempt}, next in ${Math.max(0, Math.round((status.retry.at - Date.now()) / 1000))} s)`
        : '';
      return `${who}: reconnecting${wait}${status.lastError ? `: ${status.lastError.message}` : ''}`;
    }
    case 'error':
      return `${who}: ${status.lastError?.message ?? 'failed'}${status.lastError?.hint ? `\n  ${status.lastError.hint}` : ''}`;
  }
}
