// The storage and system facts of a plain-Node host (the browser host, the CLI): settings through conf, secrets in
// a file only this user can read (with the warning that says so), and OpenSSH's configuration as `ssh -G` reads it.
import { openPlainSecretStore } from '../services/secrets/plain-secret-store';
import { createConfSettingsBackend } from '../services/settings/conf-backend';
import { systemSshConfigDeps } from '../services/ssh/ssh-config';
import type { RuntimeFacts } from '../main-services';

export type PlainNodeRuntime = Omit<RuntimeFacts, 'appInfo' | 'mirrorLog'> &
  Required<Pick<RuntimeFacts, 'secretsWarning'>>;

export async function plainNodeRuntime(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): Promise<PlainNodeRuntime> {
  const secrets = openPlainSecretStore({ dataDir, now: () => new Date() });
  return {
    homeDir,
    env,
    settingsBackend: createConfSettingsBackend,
    secrets: secrets.store,
    secretsWarning: secrets.warning,
    sshConfig: await systemSshConfigDeps(env),
  };
}
