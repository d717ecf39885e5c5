// The real keychain for the secret store: @napi-rs/keyring (N-API, prebuilt for macOS and Linux, so Electron loads
// it without a rebuild). Loaded on first use, so a platform without its prebuilt binary falls back to the file store
// instead of failing to start.
import type { KeyringBinding } from '../services/secrets/keychain-secret-store';

// On Linux the binding would otherwise fall back to the kernel keyring, which forgets everything at logout; the
// Secret Service (GNOME Keyring, KWallet) is the keychain a Linux desktop keeps, or there is none and we say so.
const ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

export async function loadNapiKeyring(): Promise<KeyringBinding | undefined> {
  let AsyncEntry: typeof import('@napi-rs/keyring').AsyncEntry;
  try {
    ({ AsyncEntry } = await import('@napi-rs/keyring'));
  } catch {
    return undefined;
  }
  const entry = (service: string, account: string) => new AsyncEntry(service, account, ENTRY_OPTIONS);
  return {
    async get(service, account) {
      return (await entry(service, account).getPassword()) ?? undefined;
    },
    async set(service, account, value) {
      await entry(service, account).setPassword(value);
    },
    async delete(service, account) {
      // false only means there was nothing to delete.
      await entry(service, account).deleteCredential();
    },
  };
}
