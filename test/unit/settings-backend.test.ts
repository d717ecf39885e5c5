// The Electron settings backend opens electron-store with exactly the options conf gets in plain Node (conf's
// configName under electron-store's `name`), so both runtimes read, migrate and write the same file the same way.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const electronStore = vi.hoisted(() => ({ created: [] as Record<string, unknown>[] }));
// electron-store needs the Electron runtime; this stand-in records its options and, as electron-store does, hands them
// to conf with `name` as `configName`.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class FakeElectronStore extends Conf<Record<string, unknown>> {
    constructor({ name, ...options }: Record<string, unknown>) {
      electronStore.created.push({ name, ...options });
      super({ ...options, configName: name as string });
    }
  }
  return { default: FakeElectronStore };
});

// A fixed profile ID, so the two migrated files below can be compared byte for byte.
vi.mock('../../electron/main/services/settings/profile-id', () => ({ newProfileId: () => 'remote-0000abcd' }));

const { createElectronSettingsBackend } = await import('../../electron/main/adapters/settings-backend');
const { createConfSettingsBackend } = await import('../../electron/main/services/settings/conf-backend');
const { openSettingsStore } = await import('../../electron/main/services/settings/settings-store');
const { settingsStoreOptions } = await import('../../electron/main/services/settings/settings-store-options');

describe('Electron settings backend', () => {
  it('creates electron-store with the same options as conf, the file name passed as `name`', () => {
    const dataDir = makeTempDir('settings-electron-');
    const options = settingsStoreOptions(dataDir);
    const backend = createElectronSettingsBackend(options);
    const { configName, ...rest } = options;
    expect(electronStore.created.at(-1)).toEqual({ ...rest, name: configName });
    // The very same schema and migrations, not look-alikes.
    expect(electronStore.created.at(-1)?.schema).toBe(options.schema);
    expect(electronStore.created.at(-1)?.migrations).toBe(options.migrations);
    expect(backend.path).toBe(path.join(dataDir, 'settings.json'));
  });

  it('migrates a version 1 file to the same settings file conf writes', () => {
    const v1 = JSON.stringify({ remote: { sshTarget: 'me@box', localPort: 28789 }, connectAtLaunch: true });
    const viaElectron = makeTempDir('settings-electron-');
    const viaConf = makeTempDir('settings-conf-');
    for (const dataDir of [viaElectron, viaConf]) writeFileSync(path.join(dataDir, 'settings.json'), v1);

    const system = testSystem({ clock: new ManualClock(Date.parse('2026-01-01T00:00:00Z')) });
    const electronSettings = openSettingsStore({
      dataDir: viaElectron,
      backend: createElectronSettingsBackend,
      system,
    });
    openSettingsStore({ dataDir: viaConf, backend: createConfSettingsBackend, system });

    const written = (dataDir: string) => readFileSync(path.join(dataDir, 'settings.json'), 'utf8');
    expect(written(viaElectron)).toBe(written(viaConf));
    expect(electronSettings.settings()).toMatchObject({
      profiles: [{ id: 'remote-0000abcd', name: 'Remote', route: { kind: 'ssh', target: 'me@box', localPort: 28789 } }],
      primaryProfileId: 'remote-0000abcd',
    });
  });
});
