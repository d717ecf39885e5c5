// A system notification for a LinkNotice; clicking it runs `onClick` (the host opens Settings). Shown only where the
// system supports them. Each is held until closed: one the garbage collector took would no longer answer its click.
import { Notification } from 'electron';
import type { LinkNotice } from '../services/connection/link-notices';

const shown = new Set<Notification>();

export function showNotice(notice: LinkNotice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  shown.add(notification);
  notification.on('click', onClick);
  notification.on('close', () => shown.delete(notification));
  notification.show();
}
