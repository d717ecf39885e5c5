// The settings store over real conf in a temp directory: settings survive a round trip; a corrupted, schema-invalid or
// newer file is moved aside with its bytes intact and reported; version 1 files migrate to a profile; a refused
// update leaves the file byte for byte as it was; and changes made by another process are built upon, not lost.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { thrownFailure } from '../fixtures/failure-of';
import { createConfSettingsBackend } from '../../electron/main/services/settings/conf-backend';
import { openSettingsStore, type SettingsStore } from '../../electron/main/services/settings/settings-store';
import type { SettingsBackendFactory } from '../../electron/main/services/settings/settings-store-options';
import type { Profile, SshRoute } from '../../electron/shared/profile';
import { defaultSettings, type Settings } from '../../electron/shared/settings';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const NOW = new Date('2026-03-04T05:06:07.890Z');
const ASIDE_SUFFIX = '.broken-2026-03-04T05-06-07.890Z';
const system = testSystem({ clock: new ManualClock(NOW.getTime()) });

function open(dataDir: string, backend: SettingsBackendFactory = createConfSettingsBackend): SettingsStore {
  return openSettingsStore({ dataDir, backend, system });
}

function settingsFile(dataDir: string): string {
  return path.join(dataDir, 'settings.json');
}

const SSH_ROUTE: SshRoute = {
  kind: 'ssh',
  target: 'me@gateway.example',
  localPort: 18789,
  remotePort: 18789,
  useEphemeralPortIfBusy: false,
  allowPassword: false,
};

function sshProfile(id: string, name: string): Profile {
  return { id, name, route: SSH_ROUTE, configureOpenclaw: false };
}

/** A data dir whose settings.json holds `text`; returns the dir. */
function withFile(text: string): string {
  const dataDir = makeTempDir('settings-');
  writeFileSync(settingsFile(dataDir), text);
  return dataDir;
}

describe('settings store', () => {
  it('starts from the defaults in an empty data directory', () => {
    const store = open(makeTempDir('settings-'));
    expect(store.settings()).toEqual(defaultSettings());
    expect(store.problems).toEqual([]);
  });

  it('keeps every kind of profile and setting across a reopen', () => {
    const dataDir = makeTempDir('settings-');
    const saved: Settings = {
      profiles: [
        { ...sshProfile('home-1', 'Home'), route: { ...SSH_ROUTE, sshPort: 2222, identityFile: '~/.ssh/id_home' } },
        {
          id: 'tail-1',
          name: 'Tail',
          route: {
            kind: 'tailscale',
            deviceId: 'nXYZ',
            deviceName: 'box',
            via: {
              kind: 'ssh',
              target: 'me@box',
              localPort: 0,
              remotePort: 18789,
              useEphemeralPortIfBusy: true,
              allowPassword: false,
              hostKeys: ['ssh-ed25519 AAAAC3Nza'],
            },
          },
          configureOpenclaw: true,
        },
        {
          id: 'direct-1',
          name: 'Direct',
          route: {
            kind: 'direct',
            url: 'wss://gw.example',
            tlsFingerprint: `sha256:${'0f'.repeat(32)}`,
            acceptInsecure: false,
          },
          configureOpenclaw: false,
        },
      ],
      primaryProfileId: 'tail-1',
      lastActiveProfileId: 'direct-1',
      manuallyDisconnected: true,
      tailscaleCliPath: '/opt/tailscale',
      openclawImportOffered: true,
    };
    open(dataDir).update(() => saved);
    const reopened = open(dataDir);
    expect(reopened.settings()).toEqual(saved);
    expect(reopened.problems).toEqual([]);
  });

  it('replaces the file whole (a new inode: never rewritten in place), leaving no temporary file behind', () => {
    const dataDir = makeTempDir('settings-');
    const store = open(dataDir);
    for (const name of ['One', 'Two', 'Three']) {
      const before = statSync(settingsFile(dataDir)).ino;
      store.update((draft) => {
        draft.profiles.push(sshProfile(name.toLowerCase(), name));
      });
      expect(statSync(settingsFile(dataDir)).ino).not.toBe(before);
    }
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('moves a file that is not JSON aside, says where it broke, and starts from defaults', () => {
    const original = '{\n  "profiles": [\n    oops\n  ]\n}\n';
    const dataDir = withFile(original);
    const store = open(dataDir);
    const aside = settingsFile(dataDir) + ASIDE_SUFFIX;
    expect(store.settings()).toEqual(defaultSettings());
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toMatchObject({ kind: 'settings-invalid' });
    expect(store.problems[0]?.message).toContain('not valid JSON at line 3, column 5');
    expect(store.problems[0]?.message).toContain('and default settings are in use.');
    expect(store.problems[0]?.message).toContain(aside);
    expect(readFileSync(aside, 'utf8')).toBe(original);
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a list', '[]', 'the file holds a list instead of an object of settings'],
    [
      'a port out of range',
      JSON.stringify({
        profiles: [{ ...sshProfile('home-1', 'Home'), route: { kind: 'ssh', target: 'h', localPort: 70000 } }],
      }),
      'profiles.0.route.localPort: The local port must be a whole number from 0 to 65535',
    ],
    [
      'two profiles with one name',
      JSON.stringify({ profiles: [sshProfile('a', 'Home'), sshProfile('b', 'home')] }),
      'profiles.1.name: Two profiles are named "home"',
    ],
    [
      'a misspelt key',
      JSON.stringify({ profiles: [], manualyDisconnected: true }),
      'Unrecognized key: "manualyDisconnected"',
    ],
    [
      'a version that is no version',
      JSON.stringify({ profiles: [], __internal__: { migrations: { version: 'two' } } }),
      'the settings version recorded in the file is not a version number',
    ],
  ])('moves %s aside with the reason, keeping the original bytes', (_case, original, reason) => {
    const dataDir = withFile(original);
    const store = open(dataDir);
    expect(store.settings()).toEqual(defaultSettings());
    expect(store.problems.map((problem) => problem.message)).toEqual([expect.stringContaining(reason)]);
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe(original);
  });

  it('never downgrades a file from a newer version: it goes aside, and says so', () => {
    const original = JSON.stringify({
      profiles: [],
      hologram: true,
      __internal__: { migrations: { version: '3.0.0' } },
    });
    const dataDir = withFile(original);
    const store = open(dataDir);
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toMatchObject({ kind: 'settings-newer-version' });
    expect(store.problems[0]?.message).toContain('settings version 3.0.0 by a newer OpenClaw Remote');
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe(original);
    expect(store.settings()).toEqual(defaultSettings());
  });

  it('does not overwrite an earlier file set aside in the same millisecond', () => {
    const dataDir = withFile('first');
    open(dataDir);
    writeFileSync(settingsFile(dataDir), 'second');
    const store = open(dataDir);
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe('first');
    expect(readFileSync(`${settingsFile(dataDir)}${ASIDE_SUFFIX}-2`, 'utf8')).toBe('second');
    expect(store.problems[0]?.message).toContain(`${ASIDE_SUFFIX}-2`);
  });

  it('migrates a version 1 remote into the primary, last active SSH profile "Remote"', () => {
    const dataDir = withFile(
      JSON.stringify({
        remote: { sshTarget: 'me@box', identityFile: '~/.ssh/id_box', localPort: 28789, remotePort: 18790 },
        connectAtLaunch: true,
      }),
    );
    const store = open(dataDir);
    const [profile] = store.settings().profiles;
    expect(store.problems).toEqual([]);
    expect(profile?.id).toMatch(/^remote-[0-9a-f]{8}$/u);
    expect(store.settings()).toEqual({
      profiles: [
        {
          id: profile?.id,
          name: 'Remote',
          route: {
            kind: 'ssh',
            target: 'me@box',
            identityFile: '~/.ssh/id_box',
            localPort: 28789,
            remotePort: 18790,
            useEphemeralPortIfBusy: false,
            allowPassword: false,
          },
          configureOpenclaw: false,
        },
      ],
      primaryProfileId: profile?.id,
      lastActiveProfileId: profile?.id,
      manuallyDisconnected: false,
      openclawImportOffered: false,
    });
    const file = JSON.parse(readFileSync(settingsFile(dataDir), 'utf8')) as Record<string, unknown>;
    expect(file).not.toHaveProperty('remote');
    expect(file).not.toHaveProperty('connectAtLaunch');
    expect(file.__internal__).toEqual({ migrations: { version: '2.0.0' } });
    // Migrated once: the profile keeps its ID on the next launch.
    expect(open(dataDir).settings()).toEqual(store.settings());
  });

  it('migrates a remote that did not connect at launch as manually disconnected', () => {
    const store = open(withFile(JSON.stringify({ remote: { sshTarget: 'me@box' }, connectAtLaunch: false })));
    const settings = store.settings();
    expect(settings.primaryProfileId).toBe(settings.profiles[0]?.id);
    expect(settings.lastActiveProfileId).toBeUndefined();
    expect(settings.manuallyDisconnected).toBe(true);
  });

  it('moves a version 1 file it cannot convert aside untouched', () => {
    const original = JSON.stringify({ remote: { sshTarget: 42 }, connectAtLaunch: true });
    const dataDir = withFile(original);
    const store = open(dataDir);
    expect(store.problems[0]?.message).toContain('the remote saved before profiles existed cannot be converted');
    expect(store.problems[0]?.message).toContain('remote.sshTarget');
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe(original);
  });

  it('refuses an invalid update, saving nothing: the file stays byte for byte as it was', () => {
    const dataDir = makeTempDir('settings-');
    const store = open(dataDir);
    store.update((draft) => {
      draft.profiles.push(sshProfile('home-1', 'Home'));
    });
    const before = readFileSync(settingsFile(dataDir));
    const settingsBefore = store.settings();

    const error = thrownFailure(() =>
      store.update((draft) => {
        draft.profiles[0]!.route = { ...SSH_ROUTE, localPort: 70000 };
        draft.profiles.push(sshProfile('other-1', 'HOME'));
      }),
    );
    expect(error.kind).toBe('invalid-settings');
    expect(error.message).toContain('profiles.0.route.localPort: The local port must be a whole number');
    expect(error.message).toContain('profiles.1.name: Two profiles are named "HOME"');
    expect(readFileSync(settingsFile(dataDir)).equals(before)).toBe(true);
    expect(store.settings()).toEqual(settingsBefore);
  });

  it('tells listeners about each saved change once, until they unsubscribe', () => {
    const store = open(makeTempDir('settings-'));
    const heard = vi.fn();
    const unsubscribe = store.onChange(heard);
    store.update((draft) => {
      draft.manuallyDisconnected = true;
      // Left undefined, the key is absent from the file: the next update must not take that for a change on disk.
      draft.tailscaleCliPath = undefined;
    });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenLastCalledWith(expect.objectContaining({ manuallyDisconnected: true }));
    store.update((draft) => {
      draft.openclawImportOffered = true;
    });
    expect(heard).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.update((draft) => {
      draft.manuallyDisconnected = false;
    });
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('builds an update on what another process saved meanwhile, and tells listeners about it', () => {
    const dataDir = makeTempDir('settings-');
    const app = open(dataDir);
    const cli = open(dataDir);
    const heard = vi.fn();
    app.onChange(heard);
    cli.update((draft) => {
      draft.profiles.push(sshProfile('home-1', 'Home'));
    });
    app.update((draft) => {
      draft.primaryProfileId = 'home-1';
    });
    expect(heard).toHaveBeenNthCalledWith(1, expect.objectContaining({ profiles: [sshProfile('home-1', 'Home')] }));
    expect(open(dataDir).settings()).toMatchObject({
      profiles: [sshProfile('home-1', 'Home')],
      primaryProfileId: 'home-1',
    });
  });

  it('when the file breaks while the app runs: sets it aside and saves the last good settings with the change', () => {
    const dataDir = makeTempDir('settings-');
    const store = open(dataDir);
    store.update((draft) => {
      draft.profiles.push(sshProfile('home-1', 'Home'));
    });
    writeFileSync(settingsFile(dataDir), '{ "profiles": ');
    store.update((draft) => {
      draft.openclawImportOffered = true;
    });
    expect(store.problems.map((problem) => problem.kind)).toEqual(['settings-invalid']);
    expect(store.problems[0]?.message).toContain('and the settings in use were saved in its place.');
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe('{ "profiles": ');
    expect(open(dataDir).settings()).toMatchObject({
      profiles: [sshProfile('home-1', 'Home')],
      openclawImportOffered: true,
    });
  });

  it('sets aside a file the backend refuses even though the check passed', () => {
    const original = JSON.stringify({ profiles: [] });
    const dataDir = withFile(original);
    let refusals = 0;
    const refusingOnce: SettingsBackendFactory = (options) => {
      if (refusals++ === 0) throw new Error('Config schema violation: `profiles` must be array');
      return createConfSettingsBackend(options);
    };
    const store = open(dataDir, refusingOnce);
    expect(store.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('Config schema violation: `profiles` must be array'),
    ]);
    expect(readFileSync(settingsFile(dataDir) + ASIDE_SUFFIX, 'utf8')).toBe(original);
    expect(store.settings()).toEqual(defaultSettings());
  });

  it('reads a valid file of this version without opening the backend (conf), which opens at the first write', () => {
    const dataDir = makeTempDir('settings-');
    open(dataDir).update((draft) => {
      draft.profiles.push(sshProfile('home-1', 'Home'));
    });
    let opened = 0;
    const counting: SettingsBackendFactory = (options) => {
      opened += 1;
      return createConfSettingsBackend(options);
    };
    const store = open(dataDir, counting);
    expect(store.settings().profiles).toEqual([sshProfile('home-1', 'Home')]);
    expect(store.problems).toEqual([]);
    // Reading settings is all a `status` or `profiles list` does: it never pays for compiling conf's JSON Schema.
    expect(opened).toBe(0);
    store.update((draft) => {
      draft.primaryProfileId = 'home-1';
    });
    expect(opened).toBe(1);
    expect(open(dataDir).settings()).toMatchObject({
      profiles: [sshProfile('home-1', 'Home')],
      primaryProfileId: 'home-1',
    });
  });

  it('reports a file system error plainly and moves nothing', () => {
    const original = JSON.stringify({ profiles: [] });
    const dataDir = withFile(original);
    const denied: SettingsBackendFactory = () => {
      throw Object.assign(new Error('EACCES: permission denied, open settings.json'), { code: 'EACCES' });
    };
    const error = thrownFailure(() => open(dataDir, denied));
    expect(error.kind).toBe('settings-unavailable');
    expect(error.message).toContain('EACCES: permission denied');
    expect(error.hint).toContain(dataDir);
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
    expect(readFileSync(settingsFile(dataDir), 'utf8')).toBe(original);
  });
});
