// The Electron app's secret store: the keychain the CLI uses too (the login Keychain on a Mac), after moving into it
// the secrets of the app's old safeStorage-encrypted secrets.json and of the CLI's secrets.unencrypted.json. Where no
// keychain answers (Linux without a Secret Service), the app keeps its safeStorage file as before, which refuses to
// store a secret it cannot encrypt: the app never keeps secrets in plaintext.
import path from 'node:path';
import { keychainServiceName } from '../services/secrets/keychain-service-name';
import type { KeyringBinding } from '../services/secrets/keychain-secret-store';
import { openSecretStore, type OpenedSecrets } from '../services/secrets/open-secret-store';
import { plainCodec, PLAIN_SECRETS_FILE } from '../services/secrets/plain-secret-store';
import { APP_SECRETS_FILE } from '../services/secrets/secret-migration';
import type { System } from '../services/system/system';
import { openSafeStorageSecretStore, safeStorageCodec, type Encryption } from './safe-storage-secrets';

export interface AppSecretsOptions {
  dataDir: string;
  /** Where the data would be without OPENCLAW_REMOTE_HOME: that directory's items use the fixed service name. */
  defaultDataDir: string;
  system: System;
  keyring: KeyringBinding | undefined;
  /** safeStorage, to decrypt the old secrets.json (and for the fallback file). */
  encryption: Encryption;
}

export function openAppSecretStore({
  dataDir,
  defaultDataDir,
  system,
  keyring,
  encryption,
}: AppSecretsOptions): Promise<OpenedSecrets> {
  return openSecretStore({
    dataDir,
    service: keychainServiceName(dataDir, defaultDataDir),
    keyring,
    system,
    oldFiles: [
      { path: path.join(dataDir, APP_SECRETS_FILE), codec: safeStorageCodec(encryption, system.os.platform()) },
      { path: path.join(dataDir, PLAIN_SECRETS_FILE), codec: plainCodec },
    ],
    fallback: (why) => ({
      store: openSafeStorageSecretStore({ dataDir, system, encryption }),
      location: `${path.join(dataDir, APP_SECRETS_FILE)} (encrypted with safeStorage)`,
      notes: [`Secrets stay in ${APP_SECRETS_FILE}, encrypted with safeStorage, because ${why.because}.`],
    }),
  });
}
