// The file-backed secret store with the plain-Node codec: secrets survive a reopen, the file is 0600 in a 0700
// directory, every write replaces the file whole with nothing left behind, the copy a killed write left behind is
// removed on opening (never a live writer's), a corrupted file is set aside with its
// bytes intact (and none of its content in the report), and the names the app already uses keep working.
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { loadDeviceIdentity, loadInstanceId } from '../../electron/main/services/gateway/device-identity';
import { DeviceTokenStore } from '../../electron/main/services/gateway/device-token-store';
import { createFileSecretStore, type SecretCodec } from '../../electron/main/services/secrets/file-secret-store';
import { openPlainSecretStore, plainCodec } from '../../electron/main/services/secrets/plain-secret-store';
import { failureOf } from '../fixtures/failure-of';
import { ManualClock } from '../fixtures/manual-clock';
import { createTestLog } from '../fixtures/silent-log';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const NOW = new Date('2026-03-04T05:06:07.890Z');
const system = testSystem({ clock: new ManualClock(NOW.getTime()) });

function openIn(dir: string, codec: SecretCodec = plainCodec) {
  return createFileSecretStore({ path: path.join(dir, 'secrets.json'), codec, system });
}

describe('file secret store', () => {
  it('keeps secrets across a reopen, and forgets deleted ones', async () => {
    const dir = makeTempDir('secrets-');
    const store = openIn(dir);
    await store.set('profile.home-1.token', 'token-one');
    await store.set('profile.home-1.passphrase./Users/me/.ssh/id_ed25519', 'correct horse');
    await store.set('profile.work-2.token', 'token-two');
    await store.delete('profile.work-2.token');
    await store.delete('never-there');

    const reopened = openIn(dir);
    expect(await reopened.get('profile.home-1.token')).toBe('token-one');
    expect(await reopened.get('profile.home-1.passphrase./Users/me/.ssh/id_ed25519')).toBe('correct horse');
    expect(await reopened.get('profile.work-2.token')).toBeUndefined();
    expect((await reopened.names()).sort()).toEqual([
      'profile.home-1.passphrase./Users/me/.ssh/id_ed25519',
      'profile.home-1.token',
    ]);
    expect(reopened.problems).toEqual([]);
  });

  it('writes the file with mode 0600 into a directory it creates with mode 0700', async () => {
    const dir = path.join(makeTempDir('secrets-'), 'OpenClaw Remote');
    const store = openIn(dir);
    await store.set('profile.home-1.token', 'token-one');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('closes a file others could read on its next write', async () => {
    const dir = makeTempDir('secrets-');
    writeFileSync(path.join(dir, 'secrets.json'), '{}');
    chmodSync(path.join(dir, 'secrets.json'), 0o644);
    const store = openIn(dir);
    await store.set('gateway.instance-id', 'abc');
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('replaces the file whole on every write (a new inode), leaving no temporary file', async () => {
    const dir = makeTempDir('secrets-');
    const store = openIn(dir);
    await store.set('a', '1');
    for (const value of ['2', '3', '4']) {
      const before = statSync(store.path).ino;
      await store.set('a', value);
      expect(statSync(store.path).ino).not.toBe(before);
    }
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ a: '4' });
  });

  it('removes on opening the copy a write killed before its rename left behind, but not one being written now', () => {
    const dir = makeTempDir('secrets-');
    writeFileSync(path.join(dir, 'secrets.json'), JSON.stringify({ 'profile.kept-1.token': 'kept' }));
    // What writeFileAtomically leaves when its process is killed: the whole file as it was, here with a token whose
    // profile has been removed since.
    const left = path.join(dir, '.secrets.json.0123456789ab.tmp');
    const live = path.join(dir, '.secrets.json.ba9876543210.tmp');
    const unrelated = path.join(dir, '.secrets.json.notours.tmp');
    for (const file of [left, live, unrelated]) writeFileSync(file, JSON.stringify({ 'profile.gone-2.token': 'gone' }));
    const seconds = (ms: number) => ms / 1000;
    utimesSync(left, seconds(NOW.getTime() - 120_000), seconds(NOW.getTime() - 120_000));
    utimesSync(unrelated, seconds(NOW.getTime() - 120_000), seconds(NOW.getTime() - 120_000));
    utimesSync(live, seconds(NOW.getTime() - 100), seconds(NOW.getTime() - 100));
    const store = openIn(dir);
    expect(readdirSync(dir).sort()).toEqual([
      '.secrets.json.ba9876543210.tmp',
      '.secrets.json.notours.tmp',
      'secrets.json',
    ]);
    expect(store.problems).toEqual([]);
  });

  it('keeps its content when a write fails, and says which file could not be saved', async () => {
    const dir = path.join(makeTempDir('secrets-'), 'data');
    const store = openIn(dir);
    await store.set('a', '1');
    // The data directory turns into a file: every later write fails.
    rmSync(dir, { recursive: true });
    writeFileSync(dir, '');
    const error = await failureOf(store.set('a', '2'));
    expect(error.kind).toBe('secrets-unavailable');
    expect(error.message).toContain(`cannot save its secrets file ${store.path}`);
    expect(await store.get('a')).toBe('1');
  });

  it('says which file it cannot read, rather than failing with a bare system error', () => {
    const dir = makeTempDir('secrets-');
    mkdirSync(path.join(dir, 'secrets.json'));
    expect(() => openIn(dir)).toThrow(AppFailure);
    expect(() => openIn(dir)).toThrow(`cannot read its secrets file ${path.join(dir, 'secrets.json')}`);
  });

  it.each([
    ['not JSON', '{"profile.home-1.token": "tok-sec', 'not valid JSON at line 1'],
    ['not an object of text', '{"profile.home-1.token": 123456789}', 'it is not an object of names and text values'],
    ['a list', '["tok-secret-in-list"]', 'it is not an object of names and text values'],
  ])('sets a file that is %s aside, reporting it without quoting it', async (_case, original, reason) => {
    const dir = makeTempDir('secrets-');
    writeFileSync(path.join(dir, 'secrets.json'), original);
    const store = openIn(dir);
    const aside = path.join(dir, 'secrets.json.broken-2026-03-04T05-06-07.890Z');
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]).toMatchObject({ kind: 'secrets-invalid' });
    expect(store.problems[0]?.message).toContain(reason);
    expect(store.problems[0]?.message).toContain(aside);
    expect(JSON.stringify(store.problems)).not.toMatch(/tok-sec|123456789|tok-secret-in-list/u);
    expect(readFileSync(aside, 'utf8')).toBe(original);
    expect(await store.names()).toEqual([]);
    // The store works on: the next secret starts a fresh file.
    await store.set('a', '1');
    expect(await openIn(dir).get('a')).toBe('1');
  });

  it('keeps the device key, instance ID and device tokens the Gateway client stores', async () => {
    const dir = makeTempDir('secrets-');
    const log = createTestLog().logger('gateway');
    const first = await loadDeviceIdentity(openIn(dir), log);
    const instance = await loadInstanceId(openIn(dir));
    await new DeviceTokenStore(openIn(dir), 'home-1', first.deviceId, 'operator').save({
      token: 'device-token-1',
      scopes: ['operator.read'],
    });

    const reopened = openIn(dir);
    expect((await loadDeviceIdentity(reopened, log)).deviceId).toBe(first.deviceId);
    expect(await loadInstanceId(reopened)).toBe(instance);
    expect(await new DeviceTokenStore(reopened, 'home-1', first.deviceId, 'operator').load()).toEqual({
      token: 'device-token-1',
      scopes: ['operator.read'],
    });
  });
});

describe('plain secret store', () => {
  it('keeps secrets unencrypted in secrets.unencrypted.json, and says so', async () => {
    const dataDir = makeTempDir('secrets-');
    const { store, warning } = openPlainSecretStore({ dataDir, system });
    await store.set('profile.home-1.token', 'token-one');
    expect(store.path).toBe(path.join(dataDir, 'secrets.unencrypted.json'));
    expect(readFileSync(store.path, 'utf8')).toContain('token-one');
    expect(warning.kind).toBe('secrets-unencrypted');
    expect(warning.message).toContain(`stored unencrypted in ${store.path}, readable only by your user account`);
  });
});
