// What the menu-bar icon shows for a connection status: which icon, the tooltip, and the menu (the state and route in
// the shared describer's words, Connect / Disconnect / Retry Now, the profiles to switch to, the Gateway's URL and
// dashboard, Settings…, Diagnostics…, Launch at Login and Quit), each item enabled only where its action can apply.
// Plain data, so the Electron tray adapter only draws it and every wording is tested without Electron.
import type { ConnectionStatus } from '../../../shared/connection-status';
import { routeDetailsSummary, statusHeadline } from '../../../shared/describe-connection';
import { liveButtons } from '../../../shared/live-buttons';
import type { Profile } from '../../../shared/profile';

export type TrayIcon = 'connected' | 'connecting' | 'error' | 'idle';

export type TrayAction =
  | { kind: 'connect'; profileId: string }
  | { kind: 'disconnect' }
  | { kind: 'retry-now' }
  | { kind: 'copy-gateway-url' }
  | { kind: 'open-dashboard' }
  | { kind: 'open-settings' }
  | { kind: 'run-diagnostics' }
  | { kind: 'launch-at-login'; enabled: boolean }
  | { kind: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'text'; label: string }
  | {
      kind: 'button';
      label: string;
      action: TrayAction;
      enabled: boolean;
      /** A checkbox item when set. */
      checked?: boolean;
      /** Electron's accelerator syntax, shown beside the item. */
      accelerator?: string;
    }
  /** One of a group of which at most one is checked; without an action, choosing it changes nothing. */
  | { kind: 'radio'; label: string; checked: boolean; action?: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

export interface TrayViewInput {
  status: ConnectionStatus;
  profiles: readonly Profile[];
  primaryId: string | undefined;
  /** Whether the app opens at login; undefined where the host cannot say (no Launch at Login item then). */
  launchAtLogin: boolean | undefined;
}

const ICONS: Record<ConnectionStatus['state'], TrayIcon> = {
  idle: 'idle',
  connecting: 'connecting',
  reconnecting: 'connecting',
  connected: 'connected',
  degraded: 'error',
  error: 'error',
};

/** A menu line is read at a glance: an error's first sentence, cut at a word near this many characters. */
const ERROR_LINE_MAX = 60;

export function trayView({ status, profiles, primaryId, launchAtLogin }: TrayViewInput): TrayView {
  const headline = statusHeadline(status);
  const items: TrayItem[] = [{ kind: 'text', label: headline }];
  if (status.route && status.state !== 'idle') items.push({ kind: 'text', label: routeDetailsSummary(status.route) });
  if (status.lastError && status.state !== 'connected') {
    items.push({ kind: 'text', label: fewWords(status.lastError.message) });
  }
  items.push({ kind: 'separator' });

  const active = status.state !== 'idle' && status.state !== 'error';
  const up = status.state === 'connected' || status.state === 'degraded';
  const primary = profiles.find((profile) => profile.id === primaryId) ?? profiles[0];
  // The window's rule for which buttons a state offers, in the menu's words.
  const buttons = liveButtons(status.state);
  if (buttons.disconnect) {
    items.push(button('Disconnect', { kind: 'disconnect' }));
  } else if (buttons.retry === 'reconnect' && status.profileId && status.profileName) {
    items.push(button(`Connect ${status.profileName} Again`, { kind: 'connect', profileId: status.profileId }));
  } else if (primary) {
    items.push(button(`Connect ${primary.name}`, { kind: 'connect', profileId: primary.id }));
  }
  // Retrying helps while waiting, or an unwell Gateway (the window shows that warning's own Retry now button); not a
  // warning whose fix is in Settings (a token to replace).
  if (buttons.retry === 'nudge' || (status.state === 'degraded' && status.lastError?.action === 'retry-now')) {
    items.push(button('Retry Now', { kind: 'retry-now' }));
  }
  if (profiles.length > 0) {
    items.push({
      kind: 'submenu',
      label: 'Profiles',
      items: profiles.map((profile) => {
        const live = active && status.profileId === profile.id;
        // Choosing the profile that is already on does nothing: reconnecting it would only drop a working link.
        return live
          ? { kind: 'radio', label: profile.name, checked: true }
          : { kind: 'radio', label: profile.name, checked: false, action: { kind: 'connect', profileId: profile.id } };
      }),
    });
  }
  // The URL is known once the route is set up; the dashboard needs the Gateway to answer through it.
  const gatewayUrl = active ? status.route?.url : undefined;
  items.push(
    { kind: 'separator' },
    button('Copy Gateway URL', { kind: 'copy-gateway-url' }, { enabled: gatewayUrl !== undefined }),
    button('Open Gateway Dashboard', { kind: 'open-dashboard' }, { enabled: up && gatewayUrl !== undefined }),
    { kind: 'separator' },
    button('Open Settings…', { kind: 'open-settings' }, { accelerator: 'CommandOrControl+,' }),
    button('Run Diagnostics…', { kind: 'run-diagnostics' }, { enabled: profiles.length > 0 }),
  );
  if (launchAtLogin !== undefined) {
    items.push(
      button('Launch at Login', { kind: 'launch-at-login', enabled: !launchAtLogin }, { checked: launchAtLogin }),
    );
  }
  items.push(
    { kind: 'separator' },
    button('Quit OpenClaw Remote', { kind: 'quit' }, { accelerator: 'CommandOrControl+Q' }),
  );
  // With nothing to connect, two separators would meet.
  const menu = items.filter((item, index) => item.kind !== 'separator' || items[index - 1]?.kind !== 'separator');
  return { icon: ICONS[status.state], tooltip: `OpenClaw Remote — ${headline}`, items: menu };
}

function button(
  label: string,
  action: TrayAction,
  options: { enabled?: boolean; checked?: boolean; accelerator?: string } = {},
): TrayItem {
  return {
    kind: 'button',
    label,
    action,
    enabled: options.enabled ?? true,
    ...(options.checked === undefined ? {} : { checked: options.checked }),
    ...(options.accelerator === undefined ? {} : { accelerator: options.accelerator }),
  };
}

/** The first sentence of a message, cut at a word boundary when still too long for a menu line. */
export function fewWords(message: string): string {
  const sentence = /^.*?[.!?](?=\s|$)/u.exec(message)?.[0] ?? message;
  if (sentence.length <= ERROR_LINE_MAX) return sentence;
  const cut = sentence.slice(0, ERROR_LINE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > ERROR_LINE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, '')}…`;
}
