// The menu-bar icon's view of each connection state: which icon, what the first line says, and which actions the
// menu offers, so the tray tells the same story as the window and the CLI.
import { describe, expect, it } from 'vitest';
import { trayView, type TrayItem } from '../../electron/main/services/connection/tray-view';
import { profileSchema } from '../../electron/shared/profile';

const home = profileSchema.parse({ id: 'home', name: 'Home', route: { kind: 'ssh', target: 'me@home' } });
const lab = profileSchema.parse({ id: 'lab', name: 'Lab', route: { kind: 'direct', url: 'wss://lab.example' } });

const labels = (items: TrayItem[]) => items.map((item) => (item.kind === 'separator' ? '—' : item.label));

describe('tray view', () => {
  it('idle: the empty ring, "Not connected", and Connect for the primary profile', () => {
    const view = trayView({ state: 'idle' }, [home, lab], 'lab');
    expect(view.icon).toBe('idle');
    expect(view.tooltip).toBe('OpenClaw Remote — Not connected');
    expect(labels(view.items)).toEqual([
      'Not connected',
      '—',
      'Connect Lab',
      '—',
      'Profiles',
      'Home',
      'Lab',
      '—',
      'Settings…',
      'Quit OpenClaw Remote',
    ]);
    expect(view.items).toContainEqual({
      kind: 'button',
      label: 'Connect Lab',
      action: { kind: 'connect', profileId: 'lab' },
    });
  });

  it('connected: the linked ring, the latency, Disconnect, and the live profile checked', () => {
    const view = trayView(
      { state: 'connected', profileId: 'home', profileName: 'Home', latencyMs: 12, gatewayVersion: '2026.9.6' },
      [home, lab],
      'lab',
    );
    expect(view.icon).toBe('connected');
    expect(view.items[0]).toEqual({ kind: 'text', label: 'Connected to Home · 12 ms' });
    expect(labels(view.items)).toContain('Disconnect');
    expect(view.items).toContainEqual({
      kind: 'button',
      label: 'Home',
      action: { kind: 'connect', profileId: 'home' },
      checked: true,
    });
    expect(view.items).toContainEqual({
      kind: 'button',
      label: 'Lab',
      action: { kind: 'connect', profileId: 'lab' },
      checked: false,
    });
  });

  it('reconnecting: the broken ring, the attempt, why, and Retry Now', () => {
    const view = trayView(
      {
        state: 'reconnecting',
        profileId: 'home',
        profileName: 'Home',
        retry: { attempt: 3, at: 0 },
        lastError: { kind: 'connection-lost', message: 'The SSH link to home was lost.', action: 'retry-now' },
      },
      [home],
      'home',
    );
    expect(view.icon).toBe('connecting');
    expect(labels(view.items).slice(0, 5)).toEqual([
      'Reconnecting to Home (attempt 3)…',
      'The SSH link to home was lost.',
      '—',
      'Disconnect',
      'Retry Now',
    ]);
  });

  it('error: the exclamation, the reason, and Connect Again for the profile that failed', () => {
    const view = trayView(
      {
        state: 'error',
        profileId: 'home',
        profileName: 'Home',
        lastError: { kind: 'auth-failed', message: 'Every key was refused.', action: 'edit-profile' },
      },
      [home, lab],
      'lab',
    );
    expect(view.icon).toBe('error');
    expect(labels(view.items).slice(0, 4)).toEqual([
      'Cannot connect to Home',
      'Every key was refused.',
      '—',
      'Connect Home Again',
    ]);
  });

  it('a saved token the Gateway refused: the warning ring and sentence, never "Connected", no pointless Retry Now', () => {
    const view = trayView(
      {
        state: 'degraded',
        profileId: 'home',
        profileName: 'Home',
        gatewayVersion: '2026.9.6',
        lastError: {
          kind: 'gateway-token-rejected',
          message: 'Connected with this Mac’s device token; the saved Gateway token was rejected.',
          action: 'enter-token',
        },
      },
      [home],
      'home',
    );
    expect(view.icon).toBe('error');
    expect(view.tooltip).toBe('OpenClaw Remote — Connected to Home, with a warning');
    expect(labels(view.items).slice(0, 4)).toEqual([
      'Connected to Home, with a warning',
      'Connected with this Mac’s device token; the saved Gateway token was rejected.',
      '—',
      'Disconnect',
    ]);
    expect(labels(view.items)).not.toContain('Retry Now');
  });

  it('no profiles yet: nothing to connect, only Settings… and Quit', () => {
    expect(labels(trayView({ state: 'idle' }, [], undefined).items)).toEqual([
      'Not connected',
      '—',
      'Settings…',
      'Quit OpenClaw Remote',
    ]);
  });
});
