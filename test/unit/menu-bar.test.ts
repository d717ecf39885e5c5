// The menu bar wired to the real services (plain-Node storage in a temp data directory): it follows profile changes,
// the connection and the login item, its Connect and Disconnect drive the same connection the window does, Copy
// Gateway URL copies the live route's URL, and what belongs to the host (Settings, Diagnostics, Quit) goes to it.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices } from '../../electron/main/main-services';
import type { MenuBarHost } from '../../electron/main/menu-bar';
import type { TrayItem, TrayView } from '../../electron/main/services/connection/tray-view';
import { freePort } from '../fixtures/free-port';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const dataDir = makeTempDir('ocr-tray-');
afterAll(() => removeTempDir(dataDir));

function fakeHost() {
  let openAtLogin = false;
  return {
    openSettings: vi.fn(),
    runDiagnostics: vi.fn(),
    copyText: vi.fn(),
    openExternal: vi.fn(async () => {}),
    loginItem: {
      get: () => openAtLogin,
      set: vi.fn((enabled: boolean) => {
        openAtLogin = enabled;
      }),
    },
    quit: vi.fn(),
  } satisfies MenuBarHost;
}

const find = (view: TrayView | undefined, label: string): TrayItem | undefined =>
  view?.items.find((item) => 'label' in item && item.label === label);

describe('menu bar over the main services', () => {
  it('follows profiles and the connection; its items act on the same connection and hand the rest to the host', async () => {
    const services = createMainServices({
      appInfo: {
        name: 'OpenClaw Remote',
        version: '0.1.0-test',
        host: 'browser',
        versions: { node: process.versions.node },
        platform: process.platform,
        arch: process.arch,
        dataDir,
      },
      ...(await plainNodeRuntime(testSystem(), dataDir, process.env, dataDir)),
    });
    const host = fakeHost();
    const menuBar = services.menuBar(host);
    const views: TrayView[] = [];
    const stop = menuBar.watch((view) => views.push(view));
    const firstLines = () => views.map((view) => (view.items[0]?.kind === 'text' ? view.items[0].label : ''));
    expect(views.at(-1)?.icon).toBe('idle');
    expect(find(views.at(-1), 'Copy Gateway URL')).toMatchObject({ enabled: false });

    // Nothing listens on this port: the connection keeps retrying, which is all this test needs.
    const url = `ws://127.0.0.1:${await freePort()}`;
    const saved = await services.router.invoke('profiles:save', [{ name: 'Lab', route: { kind: 'direct', url } }]);
    expect(saved.ok).toBe(true);
    const connect = find(views.at(-1), 'Connect Lab');
    if (connect?.kind !== 'button') throw new Error('no Connect item');
    menuBar.act(connect.action);
    await until(() => views.at(-1)!.icon === 'connecting');
    expect(firstLines().at(-1)).toMatch(/^(Connecting|Reconnecting) to Lab/u);

    // The route's URL is known while it retries: Copy Gateway URL copies it; the dashboard waits for the Gateway.
    await until(() => find(views.at(-1), 'Copy Gateway URL')?.kind === 'button');
    expect(find(views.at(-1), 'Copy Gateway URL')).toMatchObject({ enabled: true });
    expect(find(views.at(-1), 'Open Gateway Dashboard')).toMatchObject({ enabled: false });
    menuBar.act({ kind: 'copy-gateway-url' });
    await until(() => host.copyText.mock.calls.length > 0);
    expect(host.copyText).toHaveBeenCalledWith(url);

    menuBar.act({ kind: 'disconnect' });
    await until(() => views.at(-1)!.icon === 'idle');
    expect(services.connection.status).toEqual({ state: 'idle' });

    // Launch at Login: the system's setting changes and the menu shows it at once.
    expect(find(views.at(-1), 'Launch at Login')).toMatchObject({ checked: false });
    menuBar.act({ kind: 'launch-at-login', enabled: true });
    await until(() => find(views.at(-1), 'Launch at Login')?.kind === 'button' && host.loginItem.get());
    expect(host.loginItem.set).toHaveBeenCalledWith(true);
    expect(find(views.at(-1), 'Launch at Login')).toMatchObject({ checked: true });

    menuBar.act({ kind: 'open-settings' });
    menuBar.act({ kind: 'run-diagnostics' });
    menuBar.act({ kind: 'quit' });
    expect(host.openSettings).toHaveBeenCalledOnce();
    expect(host.runDiagnostics).toHaveBeenCalledOnce();
    expect(host.quit).toHaveBeenCalledOnce();
    stop();
    await services.connection.shutdown();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
