// The menu-bar icon wired to the real services (plain-Node storage in a temp data directory): it follows profile
// changes and the connection, and its Connect and Disconnect drive the same connection the window does.
import { afterAll, describe, expect, it } from 'vitest';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices } from '../../electron/main/main-services';
import type { TrayView } from '../../electron/main/services/connection/tray-view';
import { freePort } from '../fixtures/free-port';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const dataDir = makeTempDir('ocr-tray-');
afterAll(() => removeTempDir(dataDir));

describe('menu-bar icon over the main services', () => {
  it('follows profiles and the connection, and its actions connect and disconnect', async () => {
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
    const views: TrayView[] = [];
    const stop = services.watchTray((view) => views.push(view));
    const firstLines = () => views.map((view) => (view.items[0]?.kind === 'text' ? view.items[0].label : ''));
    expect(views.at(-1)?.icon).toBe('idle');

    // Nothing listens on this port: the connection keeps retrying, which is all this test needs.
    const url = `ws://127.0.0.1:${await freePort()}`;
    const saved = await services.router.invoke('profiles:save', [{ name: 'Lab', route: { kind: 'direct', url } }]);
    expect(saved.ok).toBe(true);
    const connect = views.at(-1)!.items.find((item) => item.kind === 'button' && item.label === 'Connect Lab');
    expect(connect).toBeDefined();

    if (connect?.kind !== 'button') throw new Error('no Connect item');
    services.trayAction(connect.action);
    await until(() => views.at(-1)!.icon === 'connecting');
    expect(firstLines().at(-1)).toMatch(/^(Connecting|Reconnecting) to Lab/u);

    services.trayAction({ kind: 'disconnect' });
    await until(() => views.at(-1)!.icon === 'idle');
    expect(services.connection.status).toEqual({ state: 'idle' });
    stop();
    await services.connection.shutdown();
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
