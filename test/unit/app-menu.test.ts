// The application menu (with Electron mocked): ⌘, opens Settings, the Edit menu's roles are there, without which
// copy and paste do nothing in the window's fields on macOS, and ⌘W closes the window (the `close` role's key).
import { describe, expect, it, vi } from 'vitest';

interface Item {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: Item[];
}

const installed = vi.hoisted(() => ({ menu: undefined as Item[] | undefined }));
vi.mock('electron', () => ({
  Menu: {
    buildFromTemplate: (template: Item[]) => template,
    setApplicationMenu: (menu: Item[]) => {
      installed.menu = menu;
    },
  },
}));

const { installAppMenu } = await import('../../electron/main/adapters/app-menu');

describe('application menu', () => {
  it('opens Settings on ⌘, and offers the Edit roles the window’s fields need', () => {
    const openSettings = vi.fn();
    installAppMenu('OpenClaw Remote', openSettings);
    const [appMenu, edit] = installed.menu ?? [];
    expect(appMenu?.label).toBe('OpenClaw Remote');
    const settings = appMenu?.submenu?.find((item) => item.accelerator === 'CommandOrControl+,');
    expect(settings?.label).toBe('Settings…');
    settings?.click?.();
    expect(openSettings).toHaveBeenCalledOnce();
    expect(appMenu?.submenu?.map((item) => item.role)).toContain('quit');
    expect(edit?.submenu?.map((item) => item.role)).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
    const window = installed.menu?.find((item) => item.label === 'Window');
    expect(window?.submenu).toContainEqual(
      expect.objectContaining({ role: 'close', accelerator: 'CommandOrControl+W' }),
    );
  });
});
