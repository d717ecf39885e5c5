// The menu-bar icon: draws a TrayView (template images that macOS tints for light and dark menu bars, the tooltip,
// the menu with its submenu, radio and checkbox items) and hands the chosen action back. What to show, and what is
// enabled, is decided in services/connection/tray-view.ts.
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
      case 'submenu':
        return { label: item.label, submenu: item.items.map(menuItem) };
      case 'radio': {
        const { action } = item;
        return {
          label: item.label,
          type: 'radio',
          checked: item.checked,
          ...(action ? { click: () => onAction(action) } : {}),
        };
      }
      case 'button':
        return {
          label: item.label,
          enabled: item.enabled,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          ...(item.accelerator === undefined ? {} : { accelerator: item.accelerator }),
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
