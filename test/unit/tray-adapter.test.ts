// The menu-bar adapter draws what it is given: the state's template image, the tooltip, and a menu (disabled items,
// a checkbox, a submenu of radio items, accelerators) whose items hand their action back (with Electron mocked: there
// is no Electron runtime on this machine).
import { describe, expect, it, vi } from 'vitest';
import type { TrayAction } from '../../electron/main/services/connection/tray-view';

interface MenuItem {
  label?: string;
  type?: string;
  checked?: boolean;
  enabled?: boolean;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

const electron = vi.hoisted(() => {
  const trays: FakeTray[] = [];
  class FakeTray {
    image: string;
    tooltip = '';
    menu: MenuItem[] = [];
    destroyed = false;
    constructor(image: string) {
      this.image = image;
      trays.push(this);
    }
    setImage(image: string) {
      this.image = image;
    }
    setToolTip(tooltip: string) {
      this.tooltip = tooltip;
    }
    setContextMenu(menu: FakeTray['menu']) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { trays, FakeTray };
});
vi.mock('electron', () => ({
  Tray: electron.FakeTray,
  Menu: { buildFromTemplate: (template: unknown[]) => template },
  nativeImage: { createFromPath: (path: string) => path },
}));

const { createTray } = await import('../../electron/main/adapters/tray');

describe('tray adapter', () => {
  it('shows the icon, tooltip and menu of a view, and hands clicked actions back', () => {
    const actions: TrayAction[] = [];
    const tray = createTray('/app/assets/tray', (action) => actions.push(action));
    const fake = electron.trays.at(-1)!;
    expect(fake.image).toBe('/app/assets/tray/idleTemplate.png');

    tray.show({
      icon: 'connected',
      tooltip: 'OpenClaw Remote — Connected to Home',
      items: [
        { kind: 'text', label: 'Connected to Home' },
        { kind: 'separator' },
        { kind: 'button', label: 'Disconnect', action: { kind: 'disconnect' }, enabled: true },
        {
          kind: 'submenu',
          label: 'Profiles',
          items: [
            { kind: 'radio', label: 'Home', checked: true },
            { kind: 'radio', label: 'Lab', checked: false, action: { kind: 'connect', profileId: 'lab' } },
          ],
        },
        { kind: 'button', label: 'Open Gateway Dashboard', action: { kind: 'open-dashboard' }, enabled: false },
        {
          kind: 'button',
          label: 'Launch at Login',
          action: { kind: 'launch-at-login', enabled: false },
          enabled: true,
          checked: true,
        },
        {
          kind: 'button',
          label: 'Open Settings…',
          action: { kind: 'open-settings' },
          enabled: true,
          accelerator: 'CommandOrControl+,',
        },
      ],
    });
    expect(fake.image).toBe('/app/assets/tray/connectedTemplate.png');
    expect(fake.tooltip).toBe('OpenClaw Remote — Connected to Home');
    expect(fake.menu[0]).toEqual({ label: 'Connected to Home', enabled: false });
    expect(fake.menu[1]).toEqual({ type: 'separator' });
    expect(fake.menu[2]).toMatchObject({ label: 'Disconnect', enabled: true });
    const [live, other] = fake.menu[3]!.submenu!;
    expect(live).toEqual({ label: 'Home', type: 'radio', checked: true });
    expect(other).toMatchObject({ label: 'Lab', type: 'radio', checked: false });
    expect(fake.menu[4]).toMatchObject({ label: 'Open Gateway Dashboard', enabled: false });
    expect(fake.menu[5]).toMatchObject({ label: 'Launch at Login', type: 'checkbox', checked: true });
    expect(fake.menu[6]).toMatchObject({ label: 'Open Settings…', accelerator: 'CommandOrControl+,' });
    fake.menu[2]!.click!();
    other!.click!();
    fake.menu[5]!.click!();
    expect(actions).toEqual([
      { kind: 'disconnect' },
      { kind: 'connect', profileId: 'lab' },
      { kind: 'launch-at-login', enabled: false },
    ]);

    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });
});
