// The secret store for plain Node (the CLI, the browser host), which has no OS keychain to encrypt with: secrets are
// kept as they are, in a file only this user can read, and the caller gets a warning to show that says exactly that.
// The Electron app encrypts into its own file instead (adapters/safe-storage-secrets.ts).
import path from 'node:path';
import { appError, type AppError } from '../../../shared/errors';
import type { System } from '../system/system';
import { createFileSecretStore, type FileSecretStore, type SecretCodec } from './file-secret-store';

/** A name that says what the file holds to anyone who looks into the data directory. */
export const PLAIN_SECRETS_FILE = 'secrets.unencrypted.json';

export const plainCodec: SecretCodec = {
  encode: async (plain) => plain,
  decode: async (stored) => ({ plain: stored, renew: false }),
};

export interface PlainSecretStore {
  store: FileSecretStore;
  /** To show wherever secrets are entered or used in plain Node. */
  warning: AppError;
}

export function openPlainSecretStore({ dataDir, system }: { dataDir: string; system: System }): PlainSecretStore {
  const store = createFileSecretStore({ path: path.join(dataDir, PLAIN_SECRETS_FILE), codec: plainCodec, system });
  return {
    store,
    warning: appError(
      'secrets-unencrypted',
      `Gateway tokens and key passphrases are stored unencrypted in ${store.path}, readable only by your user account.`,
      'The OpenClaw Remote app keeps its secrets encrypted with a key from the macOS Keychain instead.',
    ),
  };
}
