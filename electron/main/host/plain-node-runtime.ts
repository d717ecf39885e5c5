// The storage and system facts of a plain-Node host (the browser host, the CLI): settings through conf, secrets in
// the keychain the app uses too (or, where none answers, a file only this user can read, with the warning that says
// so), and OpenSSH's configuration as `ssh -G` reads it.
import path from 'node:path';
import { DATA_DIR_ENV, resolveDataDir } from '../services/app/data-dir';
import { keychainServiceName } from '../services/secrets/keychain-service-name';
import { openSecretStore } from '../services/secrets/open-secret-store';
import { APP_SECRETS_FILE } from '../services/secrets/secret-migration';
import { openPlainSecretStore, plainCodec, PLAIN_SECRETS_FILE } from '../services/secrets/plain-secret-store';
import { createConfSettingsBackend } from '../services/settings/conf-backend';
import { sshConfigDeps } from '../services/ssh/ssh-config';
import type { System } from '../services/system/system';
import { loadNapiKeyring } from '../system/napi-keyring';
import type { RuntimeFacts } from '../main-services';

export type PlainNodeRuntime = Omit<RuntimeFacts, 'appInfo' | 'mirrorLog'>;

export async function plainNodeRuntime(
  system: System,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): Promise<PlainNodeRuntime> {
  const secrets = await openSecretStore({
    dataDir,
    service: keychainServiceName(
      dataDir,
      resolveDataDir({ env: { ...env, [DATA_DIR_ENV]: undefined }, platform: system.os.platform(), homeDir }),
    ),
    keyring: await loadNapiKeyring(),
    system,
    oldFiles: [{ path: path.join(dataDir, PLAIN_SECRETS_FILE), codec: plainCodec }],
    // Only the app can decrypt its secrets.json (safeStorage).
    oldFilesForOthers: [path.join(dataDir, APP_SECRETS_FILE)],
    fallback: (why) => {
      const plain = openPlainSecretStore({ dataDir, system, why });
      return {
        store: plain.store,
        location: `${plain.store.path} (unencrypted, readable only by you)`,
        notes: [`Secrets stay in ${plain.store.path}, because ${why.because}.`],
        warning: plain.warning,
      };
    },
  });
  return {
    system,
    homeDir,
    env,
    settingsBackend: createConfSettingsBackend,
    secrets: secrets.store,
    secretsNotes: secrets.notes,
    secretsLocation: secrets.location,
    ...(secrets.warning ? { secretsWarning: secrets.warning } : {}),
    sshConfig: await sshConfigDeps(system, env, homeDir),
  };
}
