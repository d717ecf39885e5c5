// The menu-bar adapter draws what it is given: the state's template image, the tooltip, and a menu whose items hand
// their action back (with Electron mocked: there is no Electron runtime on this machine).
import { describe, expect, it, vi } from 'vitest';
import type { TrayAction } from '../../electron/main/services/connection/tray-view';

const electron = vi.hoisted(() => {
  const trays: FakeTray[] = [];
  class FakeTray {
    image: string;
    tooltip = '';
    menu: { label?: string; type?: string; checked?: boolean; enabled?: boolean; click?: () => void }[] = [];
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
        { kind: 'button', label: 'Disconnect', action: { kind: 'disconnect' } },
        { kind: 'button', label: 'Home', action: { kind: 'connect', profileId: 'home' }, checked: true },
      ],
    });
    expect(fake.image).toBe('/app/assets/tray/connectedTemplate.png');
    expect(fake.tooltip).toBe('OpenClaw Remote — Connected to Home');
    expect(fake.menu[0]).toEqual({ label: 'Connected to Home', enabled: false });
    expect(fake.menu[1]).toEqual({ type: 'separator' });
    expect(fake.menu[3]).toMatchObject({ label: 'Home', type: 'checkbox', checked: true });
    fake.menu[2]!.click!();
    fake.menu[3]!.click!();
    expect(actions).toEqual([{ kind: 'disconnect' }, { kind: 'connect', profileId: 'home' }]);

    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });
});
