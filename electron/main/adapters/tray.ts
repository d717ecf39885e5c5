// The menu-bar icon: draws a TrayView (template images that macOS tints for light and dark menu bars, the tooltip,
// the menu) and hands the chosen action back. What to show is decided in services/connection/tray-view.ts.
import path from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayIcon, TrayItem, TrayView } from '../services/connection/tray-view';

export function createTray(iconDir: string, onAction: (action: TrayAction) => void) {
  // `Template` in the name makes macOS treat the image as a template; the @2x file is picked up beside it.
  const image = (icon: TrayIcon) => nativeImage.createFromPath(path.join(iconDir, `${icon}Template.png`));
  const tray = new Tray(image('idle'));
  const menuItem = (item: TrayItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'text':
        return { label: item.label, enabled: false };
      case 'button':
        return {
          label: item.label,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          click: () => onAction(item.action),
        };
    }
  };
  return {
    show(view: TrayView): void {
      tray.setImage(image(view.icon));
      tray.setToolTip(view.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(view.items.map(menuItem)));
    },
    destroy: () => tray.destroy(),
  };
}
