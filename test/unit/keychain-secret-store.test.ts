// The keychain secret store's own logic over an in-memory stand-in for the keychain binding (the real keychain is in
// test/integration/keychain-secrets.test.ts): names from the index without reading values, the migration's
// precedence and its "nothing removed until everything is read back", the service name per data directory, and the
// fallback's reasons.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../fixtures/failure-of';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';
import { AppFailure } from '../../electron/main/app-failure';
import { appError } from '../../electron/shared/errors';
import type { SecretCodec } from '../../electron/main/services/secrets/file-secret-store';
import {
  createKeychainSecretStore,
  SECRET_NAMES_FILE,
  type KeyringBinding,
} from '../../electron/main/services/secrets/keychain-secret-store';
import { KEYCHAIN_SERVICE, keychainServiceName } from '../../electron/main/services/secrets/keychain-service-name';
import { openSecretStore, type KeychainUnused } from '../../electron/main/services/secrets/open-secret-store';
import { openPlainSecretStore, plainCodec } from '../../electron/main/services/secrets/plain-secret-store';
import { migrateSecretFiles } from '../../electron/main/services/secrets/secret-migration';

const system = testSystem();

/** A keychain in memory that counts reads, and can stop answering. */
function memoryKeyring() {
  const items = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  const state = { reads: 0, answering: true };
  const answer = () => {
    if (!state.answering) throw new Error('DBus error: no session bus');
  };
  const keyring: KeyringBinding = {
    async get(service, account) {
      answer();
      state.reads += 1;
      return items.get(key(service, account));
    },
    async set(service, account, value) {
      answer();
      items.set(key(service, account), value);
    },
    async delete(service, account) {
      answer();
      items.delete(key(service, account));
    },
  };
  return { keyring, items, state, value: (service: string, account: string) => items.get(key(service, account)) };
}

/** secrets.json's encoding in the app, reversible here; `bad:` values cannot be decrypted, as after a reinstall. */
const sealedCodec: SecretCodec = {
  encode: async (plain) => `sealed:${plain}`,
  decode: async (stored) => {
    if (!stored.startsWith('sealed:')) {
      throw new AppFailure(appError('secret-unreadable', 'A saved secret could not be decrypted.'));
    }
    return { plain: stored.slice('sealed:'.length), renew: false };
  },
};

function writeJson(file: string, content: Record<string, string>): void {
  writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
}

describe('keychain secret store', () => {
  it('keeps one item per secret under the service, and lists names from its index without reading a value', async () => {
    const dataDir = makeTempDir('keychain-store-');
    const memory = memoryKeyring();
    const store = createKeychainSecretStore({ service: 'svc', keyring: memory.keyring, dataDir, system });
    await store.set('profile.a.token', 'tok-a');
    await store.set('device.identity', 'key-1');
    await store.delete('profile.a.token');
    expect(memory.value('svc', 'device.identity')).toBe('key-1');
    expect(memory.value('svc', 'profile.a.token')).toBeUndefined();

    const readsBefore = memory.state.reads;
    expect(await store.names()).toEqual(['device.identity']);
    expect(memory.state.reads).toBe(readsBefore);
    const index = readFileSync(path.join(dataDir, SECRET_NAMES_FILE), 'utf8');
    expect(index).not.toContain('key-1');
  });

  it('puts back a name another process dropped from the index the next time the secret is read', async () => {
    const dataDir = makeTempDir('keychain-store-');
    const memory = memoryKeyring();
    const store = createKeychainSecretStore({ service: 'svc', keyring: memory.keyring, dataDir, system });
    await store.set('profile.a.token', 'tok-a');
    writeFileSync(path.join(dataDir, SECRET_NAMES_FILE), '[]');
    expect(await store.names()).toEqual([]);
    expect(await store.get('profile.a.token')).toBe('tok-a');
    expect(await store.names()).toEqual(['profile.a.token']);
  });

  it('turns a keychain that stops answering into an error with the next step', async () => {
    const memory = memoryKeyring();
    const store = createKeychainSecretStore({
      service: 'svc',
      keyring: memory.keyring,
      dataDir: makeTempDir('keychain-store-'),
      system,
    });
    memory.state.answering = false;
    const error = await failureOf(store.set('profile.a.token', 'tok-a'));
    expect(error).toMatchObject({ kind: 'secrets-unavailable', hint: expect.stringContaining('Unlock') });
    expect(error.message).toContain('The keychain did not answer: DBus error');
  });

  it('uses the fixed service name for the default data directory only', () => {
    expect(keychainServiceName('/home/me/.config/OpenClaw Remote', '/home/me/.config/OpenClaw Remote/')).toBe(
      KEYCHAIN_SERVICE,
    );
    expect(keychainServiceName('/tmp/demo/data', '/home/me/.config/OpenClaw Remote')).toBe(
      `${KEYCHAIN_SERVICE} (/tmp/demo/data)`,
    );
  });
});

describe('moving the old secrets files into the keychain', () => {
  function setUp() {
    const dataDir = makeTempDir('keychain-migrate-');
    const memory = memoryKeyring();
    const store = createKeychainSecretStore({ service: 'svc', keyring: memory.keyring, dataDir, system });
    const appFile = path.join(dataDir, 'secrets.json');
    const plainFile = path.join(dataDir, 'secrets.unencrypted.json');
    const from = [
      { path: appFile, codec: sealedCodec },
      { path: plainFile, codec: plainCodec },
    ];
    return { dataDir, memory, store, appFile, plainFile, from };
  }

  it("moves both files, the app's value winning a name held twice and the keychain's winning over both", async () => {
    const { memory, store, appFile, plainFile, from } = setUp();
    writeJson(appFile, { 'device.identity': 'sealed:app-key', 'profile.a.token': 'sealed:app-a' });
    writeJson(plainFile, { 'device.identity': 'cli-key', 'profile.b.token': 'cli-b', 'profile.c.token': 'cli-c' });
    await store.set('profile.c.token', 'newer-c');

    const result = await migrateSecretFiles({ from, to: store, system });
    expect(result).toEqual({ moved: 3, removed: [appFile, plainFile], problems: [] });
    expect(memory.value('svc', 'device.identity')).toBe('app-key');
    expect(memory.value('svc', 'profile.a.token')).toBe('app-a');
    expect(memory.value('svc', 'profile.b.token')).toBe('cli-b');
    expect(memory.value('svc', 'profile.c.token')).toBe('newer-c');
    expect(existsSync(appFile) || existsSync(plainFile)).toBe(false);
    expect((await store.names()).sort()).toEqual([
      'device.identity',
      'profile.a.token',
      'profile.b.token',
      'profile.c.token',
    ]);
  });

  it('keeps both files when a write fails, and finishes on the next run', async () => {
    const { memory, store, appFile, plainFile, from } = setUp();
    writeJson(appFile, { 'profile.a.token': 'sealed:app-a' });
    writeJson(plainFile, { 'profile.b.token': 'cli-b' });
    const realSet = memory.keyring.set.bind(memory.keyring);
    memory.keyring.set = async (service, account, value) => {
      if (account === 'profile.b.token') throw new Error('interrupted');
      await realSet(service, account, value);
    };
    await expect(migrateSecretFiles({ from, to: store, system })).rejects.toThrow('interrupted');
    expect(existsSync(appFile) && existsSync(plainFile)).toBe(true);

    memory.keyring.set = realSet;
    expect((await migrateSecretFiles({ from, to: store, system })).moved).toBe(1);
    expect(memory.value('svc', 'profile.a.token')).toBe('app-a');
    expect(memory.value('svc', 'profile.b.token')).toBe('cli-b');
  });

  it('removes nothing when a secret reads back differently', async () => {
    const { memory, store, plainFile, from } = setUp();
    writeJson(plainFile, { 'profile.b.token': 'cli-b' });
    memory.keyring.set = async () => {};
    const error = await failureOf(migrateSecretFiles({ from, to: store, system }));
    expect(error.message).toContain('read back differently');
    expect(existsSync(plainFile)).toBe(true);
  });

  it('counts a secret no longer decryptable as a problem instead of blocking the move for good', async () => {
    const { memory, store, appFile, from } = setUp();
    writeJson(appFile, { 'profile.a.token': 'bad:xyz', 'profile.b.token': 'sealed:app-b' });
    const result = await migrateSecretFiles({ from, to: store, system });
    expect(result.moved).toBe(1);
    expect(result.problems.map((problem) => problem.kind)).toEqual(['secret-unreadable']);
    expect(memory.value('svc', 'profile.b.token')).toBe('app-b');
    expect(existsSync(appFile)).toBe(false);
  });
});

describe('choosing the store', () => {
  const plainFallback = (dataDir: string) => (why: KeychainUnused) => {
    const plain = openPlainSecretStore({ dataDir, system, why });
    return { store: plain.store, location: plain.store.path, notes: [], warning: plain.warning };
  };

  it('falls back to the user-only file, saying why, where no keychain answers', async () => {
    const dataDir = makeTempDir('keychain-open-');
    const memory = memoryKeyring();
    memory.state.answering = false;
    const opened = await openSecretStore({
      dataDir,
      service: 'svc',
      keyring: memory.keyring,
      system,
      oldFiles: [],
      fallback: plainFallback(dataDir),
    });
    expect(opened.warning?.message).toContain('stored unencrypted in');
    expect(opened.warning?.message).toContain('because no keychain answered (DBus error: no session bus)');
    await opened.store.set('profile.a.token', 'tok-a');
    expect(readFileSync(path.join(dataDir, 'secrets.unencrypted.json'), 'utf8')).toContain('tok-a');
  });

  it("leaves plain Node on its file while the app's secrets.json waits for the app to move it", async () => {
    const dataDir = makeTempDir('keychain-open-');
    writeJson(path.join(dataDir, 'secrets.json'), { 'device.identity': 'sealed:app-key' });
    writeJson(path.join(dataDir, 'secrets.unencrypted.json'), { 'device.identity': 'cli-key' });
    const memory = memoryKeyring();
    const opened = await openSecretStore({
      dataDir,
      service: 'svc',
      keyring: memory.keyring,
      system,
      oldFiles: [{ path: path.join(dataDir, 'secrets.unencrypted.json'), codec: plainCodec }],
      oldFilesForOthers: [path.join(dataDir, 'secrets.json')],
      fallback: plainFallback(dataDir),
    });
    expect(opened.warning?.hint).toContain('Open the OpenClaw Remote app once');
    expect(await opened.store.get('device.identity')).toBe('cli-key');
    expect(memory.items.size).toBe(0);
  });

  it('logs how many secrets moved, never which or their values', async () => {
    const dataDir = makeTempDir('keychain-open-');
    writeJson(path.join(dataDir, 'secrets.unencrypted.json'), {
      'profile.a.token': 'tok-a',
      'profile.b.token': 'tok-b',
    });
    const opened = await openSecretStore({
      dataDir,
      service: 'svc',
      keyring: memoryKeyring().keyring,
      system,
      oldFiles: [{ path: path.join(dataDir, 'secrets.unencrypted.json'), codec: plainCodec }],
      fallback: plainFallback(dataDir),
    });
    expect(opened.warning).toBeUndefined();
    expect(opened.location).toBe('Keychain, service "svc"');
    expect(opened.notes).toEqual([
      'Moved 2 secrets from secrets.unencrypted.json into the keychain (service "svc") and removed the old file.',
    ]);
    expect(await opened.store.get('profile.b.token')).toBe('tok-b');
  });
});
