// The menu-bar icon's view of each connection state: which icon, the tooltip, what the first lines say, and which
// items the menu offers and which of them are enabled, so the tray tells the same story as the window and the CLI
// and never offers what cannot apply.
import { describe, expect, it } from 'vitest';
import {
  fewWords,
  trayView,
  type TrayItem,
  type TrayViewInput,
} from '../../electron/main/services/connection/tray-view';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { profileSchema } from '../../electron/shared/profile';

const home = profileSchema.parse({ id: 'home', name: 'Home', route: { kind: 'ssh', target: 'me@home' } });
const lab = profileSchema.parse({ id: 'lab', name: 'Lab', route: { kind: 'direct', url: 'wss://lab.example' } });
const tunnel = { kind: 'ssh' as const, target: 'me@home', localPort: 18789, url: 'ws://127.0.0.1:18789' };

/** The menu as lines: `# text`, `Button`, `Button (disabled)`, `☑/☐ Checkbox`, `Submenu ▸ ◉ checked | ○ other`. */
function lines(items: TrayItem[]): string[] {
  return items.map((item) => {
    switch (item.kind) {
      case 'separator':
        return '—';
      case 'text':
        return `# ${item.label}`;
      case 'radio':
        return `${item.checked ? '◉' : '○'} ${item.label}`;
      case 'submenu':
        return `${item.label} ▸ ${lines(item.items).join(' | ')}`;
      case 'button': {
        const box = item.checked === undefined ? '' : item.checked ? '☑ ' : '☐ ';
        return `${box}${item.label}${item.enabled ? '' : ' (disabled)'}`;
      }
    }
  });
}

function view(status: ConnectionStatus, more: Partial<TrayViewInput> = {}) {
  return trayView({ status, profiles: [home, lab], primaryId: 'lab', launchAtLogin: false, ...more });
}

const TAIL = ['—', 'Open Settings…', 'Run Diagnostics…', '☐ Launch at Login', '—', 'Quit OpenClaw Remote'];

describe('tray view', () => {
  it('idle: the empty ring, Connect for the primary profile, nothing of a Gateway to copy or open', () => {
    const shown = view({ state: 'idle' });
    expect(shown.icon).toBe('idle');
    expect(shown.tooltip).toBe('OpenClaw Remote — Not connected');
    expect(lines(shown.items)).toEqual([
      '# Not connected',
      '—',
      'Connect Lab',
      'Profiles ▸ ○ Home | ○ Lab',
      '—',
      'Copy Gateway URL (disabled)',
      'Open Gateway Dashboard (disabled)',
      ...TAIL,
    ]);
    expect(shown.items).toContainEqual(
      expect.objectContaining({ label: 'Connect Lab', action: { kind: 'connect', profileId: 'lab' } }),
    );
  });

  it('connecting: the busy ring, the route, Disconnect, the profile checked; the URL to copy once known', () => {
    const shown = view({ state: 'connecting', profileId: 'home', profileName: 'Home', route: tunnel });
    expect(shown.icon).toBe('connecting');
    expect(shown.tooltip).toBe('OpenClaw Remote — Connecting to Home…');
    expect(lines(shown.items)).toEqual([
      '# Connecting to Home…',
      '# SSH tunnel to me@home, local port 18789',
      '—',
      'Disconnect',
      'Profiles ▸ ◉ Home | ○ Lab',
      '—',
      'Copy Gateway URL',
      'Open Gateway Dashboard (disabled)',
      ...TAIL,
    ]);
  });

  it('connected: the linked ring, the latency, the route, the Gateway URL and dashboard, the live profile checked', () => {
    const shown = view(
      { state: 'connected', profileId: 'home', profileName: 'Home', route: tunnel, latencyMs: 12 },
      { launchAtLogin: true },
    );
    expect(shown.icon).toBe('connected');
    expect(shown.tooltip).toBe('OpenClaw Remote — Connected to Home · 12 ms');
    expect(lines(shown.items)).toEqual([
      '# Connected to Home · 12 ms',
      '# SSH tunnel to me@home, local port 18789',
      '—',
      'Disconnect',
      'Profiles ▸ ◉ Home | ○ Lab',
      '—',
      'Copy Gateway URL',
      'Open Gateway Dashboard',
      '—',
      'Open Settings…',
      'Run Diagnostics…',
      '☑ Launch at Login',
      '—',
      'Quit OpenClaw Remote',
    ]);
    // The live profile's item changes nothing; the other one switches to it.
    const profiles = shown.items.find((item) => item.kind === 'submenu');
    expect(profiles?.kind === 'submenu' && profiles.items).toEqual([
      { kind: 'radio', label: 'Home', checked: true },
      { kind: 'radio', label: 'Lab', checked: false, action: { kind: 'connect', profileId: 'lab' } },
    ]);
    expect(shown.items).toContainEqual(
      expect.objectContaining({ label: 'Launch at Login', action: { kind: 'launch-at-login', enabled: false } }),
    );
    expect(shown.items).toContainEqual(
      expect.objectContaining({ label: 'Open Settings…', accelerator: 'CommandOrControl+,' }),
    );
  });

  it('reconnecting: the broken ring, the attempt, why in a few words, Retry Now; no dashboard while down', () => {
    const shown = view({
      state: 'reconnecting',
      profileId: 'home',
      profileName: 'Home',
      route: tunnel,
      retry: { attempt: 3, at: 0 },
      lastError: {
        kind: 'connection-lost',
        message: 'The SSH link to home was lost. It had been up for two hours and carried the Gateway.',
        action: 'retry-now',
      },
    });
    expect(shown.icon).toBe('connecting');
    expect(lines(shown.items)).toEqual([
      '# Reconnecting to Home (attempt 3)…',
      '# SSH tunnel to me@home, local port 18789',
      '# The SSH link to home was lost.',
      '—',
      'Disconnect',
      'Retry Now',
      'Profiles ▸ ◉ Home | ○ Lab',
      '—',
      'Copy Gateway URL',
      'Open Gateway Dashboard (disabled)',
      ...TAIL,
    ]);
  });

  it('error: the exclamation, the reason, Connect Again for the profile that failed, nothing checked', () => {
    const shown = view({
      state: 'error',
      profileId: 'home',
      profileName: 'Home',
      route: tunnel,
      lastError: { kind: 'auth-failed', message: 'Every key was refused.', action: 'edit-profile' },
    });
    expect(shown.icon).toBe('error');
    expect(shown.tooltip).toBe('OpenClaw Remote — Cannot connect to Home');
    expect(lines(shown.items)).toEqual([
      '# Cannot connect to Home',
      '# SSH tunnel to me@home, local port 18789',
      '# Every key was refused.',
      '—',
      'Connect Home Again',
      'Profiles ▸ ○ Home | ○ Lab',
      '—',
      'Copy Gateway URL (disabled)',
      'Open Gateway Dashboard (disabled)',
      ...TAIL,
    ]);
  });

  it('a saved token the Gateway refused: the warning ring and sentence, never "Connected", no pointless Retry Now', () => {
    const shown = view({
      state: 'degraded',
      profileId: 'home',
      profileName: 'Home',
      route: tunnel,
      lastError: {
        kind: 'gateway-token-rejected',
        message: 'Connected with this Mac’s device token; the saved Gateway token was rejected.',
        action: 'enter-token',
      },
    });
    expect(shown.icon).toBe('error');
    expect(shown.tooltip).toBe('OpenClaw Remote — Connected to Home, with a warning');
    expect(lines(shown.items).slice(0, 9)).toEqual([
      '# Connected to Home, with a warning',
      '# SSH tunnel to me@home, local port 18789',
      '# Connected with this Mac’s device token; the saved Gateway…',
      '—',
      'Disconnect',
      'Profiles ▸ ◉ Home | ○ Lab',
      '—',
      'Copy Gateway URL',
      'Open Gateway Dashboard',
    ]);
  });

  it('an unwell Gateway: Retry Now is offered', () => {
    const shown = view({
      state: 'degraded',
      profileId: 'home',
      profileName: 'Home',
      route: tunnel,
      lastError: { kind: 'gateway-unhealthy', message: 'The Gateway’s health check failed.', action: 'retry-now' },
    });
    expect(lines(shown.items)).toContain('Retry Now');
  });

  it('no profiles yet: nothing to connect, switch to or diagnose; no Launch at Login where the host has none', () => {
    const shown = trayView({ status: { state: 'idle' }, profiles: [], primaryId: undefined, launchAtLogin: undefined });
    expect(lines(shown.items)).toEqual([
      '# Not connected',
      '—',
      'Copy Gateway URL (disabled)',
      'Open Gateway Dashboard (disabled)',
      '—',
      'Open Settings…',
      'Run Diagnostics… (disabled)',
      '—',
      'Quit OpenClaw Remote',
    ]);
  });

  it('says an error in a few words: its first sentence, cut at a word when long', () => {
    expect(fewWords('Every key was refused. Add one.')).toBe('Every key was refused.');
    expect(fewWords('The host 192.168.1.20 refused the connection on port 22, so nothing answers there')).toBe(
      'The host 192.168.1.20 refused the connection on port 22, so…',
    );
  });
});
