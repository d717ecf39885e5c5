// The sentences the window, the menu bar and the command line share: a status in one short line and in one full
// line, what the connection is doing, a profile's route and the live one, and the countdown to the next attempt.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import {
  countdown,
  routeDetailsSummary,
  routeSummary,
  statusHeadline,
  statusLine,
  stepWords,
} from '../../electron/shared/describe-connection';
import { profileSchema } from '../../electron/shared/profile';

const NOW = 1_000_000;
const home = { profileId: 'home', profileName: 'Home' };
const tunnel = { kind: 'ssh' as const, target: 'me@home', localPort: 18789, url: 'ws://127.0.0.1:18789' };

describe('connection words', () => {
  it.each<[string, ConnectionStatus, string, string]>([
    ['idle', { state: 'idle' }, 'Not connected', 'Not connected.'],
    [
      'connecting',
      { state: 'connecting', ...home, route: { ...tunnel, stage: 'signing in as me' } },
      'Connecting to Home…',
      'Connecting to Home (signing in as me)…',
    ],
    [
      'connected',
      { state: 'connected', ...home, route: tunnel, gatewayVersion: '2026.9.6', latencyMs: 12 },
      'Connected to Home · 12 ms',
      'Connected to Home on 127.0.0.1:18789 · Gateway 2026.9.6 · 12 ms',
    ],
    [
      'degraded',
      {
        state: 'degraded',
        ...home,
        route: tunnel,
        gatewayVersion: '2026.9.6',
        lastError: { kind: 'gateway-health-failed', message: 'The health check failed.' },
      },
      'Connected to Home, with a warning',
      'Connected to Home on 127.0.0.1:18789, with a warning: The health check failed.',
    ],
    [
      'reconnecting',
      {
        state: 'reconnecting',
        ...home,
        retry: { attempt: 3, at: NOW + 4_000 },
        lastError: { kind: 'connection-lost', message: 'The SSH connection was lost.' },
      },
      'Reconnecting to Home (attempt 3)…',
      'Reconnecting to Home (attempt 3 in 4 s): The SSH connection was lost.',
    ],
    [
      'error',
      {
        state: 'error',
        ...home,
        lastError: { kind: 'auth-failed', message: 'Every key was refused.', hint: 'Add your key to the host.' },
      },
      'Cannot connect to Home',
      'Cannot connect to Home: Every key was refused.\n  Add your key to the host.',
    ],
  ])('%s: a headline for the menu bar, a full line for a terminal', (_state, status, headline, line) => {
    expect(statusHeadline(status)).toBe(headline);
    expect(statusLine(status, NOW)).toBe(line);
  });

  it('names the Gateway when no profile is known', () => {
    expect(statusHeadline({ state: 'connecting' })).toBe('Connecting to the Gateway…');
  });

  it('says what the connection is doing, a jump host as one', () => {
    expect(stepWords({ step: 'reading-ssh-config' })).toBe('reading the SSH configuration');
    expect(stepWords({ step: 'connecting', host: 'home', port: 22 })).toBe('connecting to home:22');
    expect(stepWords({ step: 'connecting', host: 'bastion', port: 22, hop: 1 })).toBe(
      'connecting to jump host bastion:22',
    );
    expect(stepWords({ step: 'verifying-host', host: 'home', port: 22 })).toBe('checking the host key of home');
    expect(stepWords({ step: 'authenticating', user: 'me', host: 'home' })).toBe('signing in as me');
    expect(stepWords({ step: 'signing-in-to-gateway' })).toBe('signing in to the Gateway');
  });

  it('sums up each kind of profile route, and the live one', () => {
    const routeOf = (route: unknown) => profileSchema.parse({ id: 'p', name: 'P', route }).route;
    expect(routeSummary(routeOf({ kind: 'ssh', target: 'me@home', sshPort: 2222, localPort: 0 }))).toBe(
      'SSH to me@home (port 2222), Gateway port 18789 on any free local port',
    );
    expect(
      routeSummary(routeOf({ kind: 'direct', url: 'wss://gw.example', tlsFingerprint: `sha256:${'a'.repeat(64)}` })),
    ).toBe('Direct wss://gw.example (certificate pinned)');
    expect(
      routeSummary(
        routeOf({
          kind: 'tailscale',
          deviceId: 'n1',
          deviceName: 'box',
          via: { kind: 'ssh', target: 'me@box', localPort: 18790, hostKeys: [] },
        }),
      ),
    ).toBe('Tailscale device box over SSH (me@box), Gateway port 18789 on local port 18790');
    expect(routeDetailsSummary(tunnel)).toBe('SSH tunnel to me@home, local port 18789');
  });

  it('counts down to the next attempt in seconds, then minutes, then “now”', () => {
    expect(countdown(NOW + 4_200, NOW)).toBe('in 5 s');
    expect(countdown(NOW + 125_000, NOW)).toBe('in 2 min 5 s');
    expect(countdown(NOW - 1, NOW)).toBe('now');
  });
});
