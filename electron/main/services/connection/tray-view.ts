// What the menu-bar icon shows for a connection status: which icon, the tooltip, and the menu (the state in the
// shared describer's words, Connect or Disconnect, Retry Now while waiting, the profiles to switch to, Settings… and
// Quit). Plain data, so the Electron tray adapter only draws it and every wording is tested without Electron.
import type { ConnectionStatus } from '../../../shared/connection-status';
import { statusHeadline } from '../../../shared/describe-connection';
import type { Profile } from '../../../shared/profile';

export type TrayIcon = 'connected' | 'connecting' | 'error' | 'idle';

export type TrayAction =
  | { kind: 'connect'; profileId: string }
  | { kind: 'disconnect' }
  | { kind: 'retry-now' }
  | { kind: 'open-settings' }
  | { kind: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  | { kind: 'text'; label: string }
  | { kind: 'button'; label: string; action: TrayAction; checked?: boolean };

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  items: TrayItem[];
}

const ICONS: Record<ConnectionStatus['state'], TrayIcon> = {
  idle: 'idle',
  connecting: 'connecting',
  reconnecting: 'connecting',
  connected: 'connected',
  degraded: 'error',
  error: 'error',
};

export function trayView(
  status: ConnectionStatus,
  profiles: readonly Profile[],
  primaryId: string | undefined,
): TrayView {
  const headline = statusHeadline(status);
  const items: TrayItem[] = [{ kind: 'text', label: headline }];
  if (status.lastError && status.state !== 'connected') items.push({ kind: 'text', label: status.lastError.message });
  items.push({ kind: 'separator' });

  const active = status.state !== 'idle' && status.state !== 'error';
  const primary = profiles.find((profile) => profile.id === primaryId) ?? profiles[0];
  if (active) {
    items.push({ kind: 'button', label: 'Disconnect', action: { kind: 'disconnect' } });
  } else if (status.state === 'error' && status.profileId && status.profileName) {
    items.push({
      kind: 'button',
      label: `Connect ${status.profileName} Again`,
      action: { kind: 'connect', profileId: status.profileId },
    });
  } else if (primary) {
    items.push({
      kind: 'button',
      label: `Connect ${primary.name}`,
      action: { kind: 'connect', profileId: primary.id },
    });
  }
  // Retrying helps while waiting, or an unwell Gateway; not a warning whose fix is in Settings (a token to replace).
  if (status.state === 'reconnecting' || (status.state === 'degraded' && status.lastError?.action === 'retry-now')) {
    items.push({ kind: 'button', label: 'Retry Now', action: { kind: 'retry-now' } });
  }
  if (profiles.length > 1) {
    items.push({ kind: 'separator' }, { kind: 'text', label: 'Profiles' });
    for (const profile of profiles) {
      items.push({
        kind: 'button',
        label: profile.name,
        action: { kind: 'connect', profileId: profile.id },
        checked: active && status.profileId === profile.id,
      });
    }
  }
  items.push(
    { kind: 'separator' },
    { kind: 'button', label: 'Settings…', action: { kind: 'open-settings' } },
    { kind: 'button', label: 'Quit OpenClaw Remote', action: { kind: 'quit' } },
  );
  // With nothing to connect, two separators would meet.
  const menu = items.filter((item, index) => item.kind !== 'separator' || items[index - 1]?.kind !== 'separator');
  return { icon: ICONS[status.state], tooltip: `OpenClaw Remote — ${headline}`, items: menu };
}
