// Words for what the window shows in more than one place: a connection state, a route, a profile's route, a
// moment in time. Plain functions, so every page says the same thing the same way.
import type { ConnectionState, RouteDetails } from '../../electron/shared/connection-status';
import type { Route } from '../../electron/shared/profile';

export const STATE_WORDS: Record<ConnectionState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  connected: 'Connected',
  degraded: 'Connected with problems',
  reconnecting: 'Reconnecting',
  error: 'Connection failed',
};

/** The colour of the status dot: green when well, orange while on the way or unwell, red on error, grey when off. */
export function stateTone(state: ConnectionState): 'good' | 'busy' | 'bad' | 'off' {
  switch (state) {
    case 'connected':
      return 'good';
    case 'connecting':
    case 'degraded':
    case 'reconnecting':
      return 'busy';
    case 'error':
      return 'bad';
    case 'idle':
      return 'off';
  }
}

function localPortWords(port: number): string {
  return port === 0 ? 'any free local port' : `local port ${port}`;
}

/** A saved route in one line, for the profiles list. */
export function routeSummary(route: Route): string {
  switch (route.kind) {
    case 'ssh':
      return (
        `SSH to ${route.target}${route.sshPort ? ` (port ${route.sshPort})` : ''}, ` +
        `Gateway port ${route.remotePort} on ${localPortWords(route.localPort)}`
      );
    case 'direct':
      return `Direct ${route.url}${route.tlsFingerprint ? ' (certificate pinned)' : ''}`;
    case 'tailscale':
      return route.via.kind === 'url'
        ? `Tailscale device ${route.deviceName} at ${route.via.url}`
        : `Tailscale device ${route.deviceName} over SSH (${route.via.target})`;
  }
}

/** The live route of the connection in one line, for the status header. */
export function routeDetailsSummary(route: RouteDetails): string {
  switch (route.kind) {
    case 'ssh': {
      const target = route.target ? `SSH tunnel to ${route.target}` : 'SSH tunnel';
      return route.localPort !== undefined ? `${target}, local port ${route.localPort}` : target;
    }
    case 'tailscale':
      return route.device ? `Tailscale device ${route.device}` : 'Tailscale';
    case 'direct':
      return route.url ? `Direct ${route.url}` : 'Direct URL';
  }
}

/** "in 12 s", "in 2 min 5 s", or "now" once the moment has come. */
export function countdown(at: number, now: number): string {
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `in ${minutes} min` : `in ${minutes} min ${rest} s`;
}

/** "for 5 min", "for 2 h 3 min": how long ago `since` was. */
export function duration(since: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - since) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A time stamp in the person's own locale: the time today, the date and time otherwise. */
export function when(epochMs: number, now: number): string {
  const date = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}
