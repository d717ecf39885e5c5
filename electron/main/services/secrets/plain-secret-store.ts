// The secret store plain Node (the CLI, the browser host) falls back to where no keychain can be used: secrets are
// kept as they are, in a file only this user can read, and the caller gets a warning to show that says exactly that
// and why. Wherever a keychain answers, open-secret-store.ts moves this file's secrets into it instead.
import path from 'node:path';
import { appError, type AppError } from '../../../shared/errors';
import type { System } from '../system/system';
import { createFileSecretStore, type FileSecretStore, type SecretCodec } from './file-secret-store';
import type { KeychainUnused } from './open-secret-store';

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

export function openPlainSecretStore({
  dataDir,
  system,
  why,
}: {
  dataDir: string;
  system: System;
  /** Why the keychain is not used, when it was tried. */
  why?: KeychainUnused;
}): PlainSecretStore {
  const store = createFileSecretStore({ path: path.join(dataDir, PLAIN_SECRETS_FILE), codec: plainCodec, system });
  return {
    store,
    warning: appError(
      'secrets-unencrypted',
      `Gateway tokens and key passphrases are stored unencrypted in ${store.path}, readable only by your user account` +
        `${why ? `, because ${why.because}` : ''}.`,
      why?.hint ?? 'OpenClaw Remote keeps them in the login Keychain wherever one answers.',
    ),
  };
}
