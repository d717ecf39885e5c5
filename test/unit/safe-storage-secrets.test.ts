// The Electron secret store: values go through safeStorage (mocked: a reversible stand-in for the Keychain-backed
// cipher) and reach the file only as base64 ciphertext; without encryption it refuses to save and writes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failureOf } from '../fixtures/failure-of';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

interface Keychain {
  available: boolean;
  backend: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;
  /** The key behind stored secrets was rotated: safeStorage asks for them to be encrypted again. */
  rotated: boolean;
}
const keychain = vi.hoisted((): Keychain => ({ available: true, backend: 'gnome_libsecret', rotated: false }));
const seal = (text: string) => Buffer.from(`sealed:${text}`, 'utf8');
const safeStorage = vi.hoisted(() => ({
  isAsyncEncryptionAvailable: async () => keychain.available,
  getSelectedStorageBackend: () => keychain.backend,
  encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`sealed:${plain}`, 'utf8')),
  decryptStringAsync: vi.fn(async (sealed: Buffer) => {
    const text = sealed.toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage');
    return { result: text.slice('sealed:'.length), shouldReEncrypt: keychain.rotated };
  }),
}));
vi.mock('electron', () => ({ safeStorage }));

const { openSafeStorageSecretStore, safeStorageCodec } =
  await import('../../electron/main/adapters/safe-storage-secrets');

const system = testSystem({ clock: new ManualClock(Date.parse('2026-01-01T00:00:00Z')) });

beforeEach(() => {
  Object.assign(keychain, { available: true, backend: 'gnome_libsecret', rotated: false });
  vi.clearAllMocks();
});

describe('safeStorage secret store', () => {
  it('encrypts through safeStorage and stores only base64 ciphertext', async () => {
    const dataDir = makeTempDir('secrets-electron-');
    const store = openSafeStorageSecretStore({ dataDir, system });
    await store.set('profile.home-1.token', 'gw-token-123');

    expect(store.path).toBe(path.join(dataDir, 'secrets.json'));
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('gw-token-123');
    const file = readFileSync(store.path, 'utf8');
    expect(file).not.toContain('gw-token-123');
    expect(JSON.parse(file)).toEqual({ 'profile.home-1.token': seal('gw-token-123').toString('base64') });
    expect(await openSafeStorageSecretStore({ dataDir, system }).get('profile.home-1.token')).toBe('gw-token-123');
  });

  it('refuses to save when encryption is unavailable, rather than writing plaintext', async () => {
    keychain.available = false;
    const store = openSafeStorageSecretStore({ dataDir: makeTempDir('secrets-electron-'), system });
    const error = await failureOf(store.set('profile.home-1.token', 'gw-token-123'));
    expect(error.kind).toBe('secrets-encryption-unavailable');
    expect(error.message).toBe(
      'Secrets cannot be encrypted right now, and OpenClaw Remote does not store them unencrypted.',
    );
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(existsSync(store.path)).toBe(false);
  });

  it("treats Linux's hard-coded-password backend as no encryption", async () => {
    keychain.backend = 'basic_text';
    expect((await failureOf(safeStorageCodec(safeStorage, 'linux').encode('x'))).kind).toBe(
      'secrets-encryption-unavailable',
    );
    // The backend is a Linux notion; macOS is judged by availability alone.
    await expect(safeStorageCodec(safeStorage, 'darwin').encode('x')).resolves.toBe(seal('x').toString('base64'));
  });

  it('says so when a stored secret cannot be decrypted', async () => {
    const dataDir = makeTempDir('secrets-electron-');
    writeFileSync(
      path.join(dataDir, 'secrets.json'),
      JSON.stringify({ 'profile.home-1.token': Buffer.from('from another Mac').toString('base64') }),
    );
    const error = await failureOf(openSafeStorageSecretStore({ dataDir, system }).get('profile.home-1.token'));
    expect(error.kind).toBe('secret-unreadable');
    expect(error.hint).toBe('Enter the Gateway token of the profile again.');
  });

  it('re-encrypts a secret safeStorage asks to renew after a key rotation', async () => {
    const dataDir = makeTempDir('secrets-electron-');
    const store = openSafeStorageSecretStore({ dataDir, system });
    await store.set('profile.home-1.token', 'gw-token-123');
    keychain.rotated = true;
    safeStorage.encryptStringAsync.mockResolvedValueOnce(Buffer.from('sealed:gw-token-123 (new key)'));

    expect(await store.get('profile.home-1.token')).toBe('gw-token-123');
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      'profile.home-1.token': Buffer.from('sealed:gw-token-123 (new key)').toString('base64'),
    });
  });
});
