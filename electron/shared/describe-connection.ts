// Words for the connection, said the same way by the window, the menu-bar icon and the command line: its states,
// what it is doing on the way up, when it retries, how long it has been up, and the routes a profile takes. Pure and
// browser-safe, so the renderer and the main process import the same sentences.
import type { ConnectionState, ConnectionStatus, RouteDetails } from './connection-status';
import type { LinkStep } from './link-state';
import type { Route } from './profile';

/** A state in a word or two, for a title that names the profile elsewhere. */
export const STATE_WORDS: Record<ConnectionState, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  connected: 'Connected',
  // Up, but something needs attention (a failing health check, a saved token the Gateway refused): never "Connected".
  degraded: 'Connected, with a warning',
  reconnecting: 'Reconnecting',
  error: 'Cannot connect',
};

/** The colour of a state: good when well, busy while on the way or with a warning, bad on error, off when off. */
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

/** The state and whom it is about, in one short line: "Reconnecting to Home (attempt 3)…". */
export function statusHeadline(status: ConnectionStatus): string {
  const name = profileOf(status);
  switch (status.state) {
    case 'idle':
      return STATE_WORDS.idle;
    case 'connecting':
      return `Connecting to ${name}…`;
    case 'connected':
      return `Connected to ${name}${status.latencyMs === undefined ? '' : ` · ${status.latencyMs} ms`}`;
    case 'degraded':
      return `Connected to ${name}, with a warning`;
    case 'reconnecting':
      return `Reconnecting to ${name}${status.retry ? ` (attempt ${status.retry.attempt})` : ''}…`;
    case 'error':
      return `Cannot connect to ${name}`;
  }
}

/**
 * Everything a status says, for a terminal: the headline with where the tunnel listens, the Gateway's version, what
 * is under way, when the next attempt comes, and why; after an error, its next step on a line of its own.
 */
export function statusLine(status: ConnectionStatus, now: number): string {
  const name = profileOf(status);
  const where = status.route?.localPort === undefined ? '' : ` on 127.0.0.1:${status.route.localPort}`;
  const error = status.lastError;
  switch (status.state) {
    case 'idle':
      return `${STATE_WORDS.idle}.`;
    case 'connecting':
      return `Connecting to ${name}${status.route?.stage ? ` (${status.route.stage})` : ''}…`;
    case 'connected':
      return (
        `Connected to ${name}${where} · Gateway ${status.gatewayVersion ?? 'of unknown version'}` +
        `${status.latencyMs === undefined ? '' : ` · ${status.latencyMs} ms`}`
      );
    case 'degraded':
      return `Connected to ${name}${where}, with a warning${error ? `: ${error.message}` : '.'}`;
    case 'reconnecting': {
      const next = status.retry ? ` (attempt ${status.retry.attempt} ${countdown(status.retry.at, now)})` : '';
      return `Reconnecting to ${name}${next}${error ? `: ${error.message}` : '…'}`;
    }
    case 'error':
      return `Cannot connect to ${name}${error ? `: ${error.message}${error.hint ? `\n  ${error.hint}` : ''}` : '.'}`;
  }
}

/** What the connection is doing right now, in a few words ("signing in as alice"). */
export function stepWords(step: LinkStep): string {
  switch (step.step) {
    case 'reading-ssh-config':
      return 'reading the SSH configuration';
    case 'connecting':
      return step.hop === undefined
        ? `connecting to ${step.host}:${step.port}`
        : `connecting to jump host ${step.host}:${step.port}`;
    case 'verifying-host':
      return `checking the host key of ${step.host}`;
    case 'authenticating':
      return `signing in as ${step.user}`;
    case 'opening-gateway':
      return 'opening the Gateway connection';
    case 'signing-in-to-gateway':
      return 'signing in to the Gateway';
  }
}

/** A profile's route in one line, for lists: "SSH to me@host, Gateway port 18789 on local port 18789". */
export function routeSummary(route: Route): string {
  switch (route.kind) {
    case 'ssh':
      return `SSH to ${route.target}${route.sshPort ? ` (port ${route.sshPort})` : ''}, ${forwardWords(route)}`;
    case 'direct':
      return `Direct ${route.url}${route.tlsFingerprint ? ' (certificate pinned)' : ''}`;
    case 'tailscale':
      return route.via.kind === 'url'
        ? `Tailscale device ${route.deviceName} at ${route.via.url}`
        : `Tailscale device ${route.deviceName} over SSH (${route.via.target}), ${forwardWords(route.via)}`;
  }
}

/** The live connection's route in one line, for a status: "SSH tunnel to me@host, local port 18789". */
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

/** "5 min", "2 h 3 min": how long ago `since` was. */
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

function profileOf(status: ConnectionStatus): string {
  return status.profileName ?? 'the Gateway';
}

function forwardWords(route: { remotePort: number; localPort: number }): string {
  return `Gateway port ${route.remotePort} on ${route.localPort === 0 ? 'any free local port' : `local port ${route.localPort}`}`;
}
