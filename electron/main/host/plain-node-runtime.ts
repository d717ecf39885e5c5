// The storage and system facts of a plain-Node host (the browser host, the CLI): settings through conf, secrets in
// a file only this user can read (with the warning that says so), and OpenSSH's configuration as `ssh -G` reads it.
import { openPlainSecretStore } from '../services/secrets/plain-secret-store';
import { createConfSettingsBackend } from '../services/settings/conf-backend';
import { sshConfigDeps } from '../services/ssh/ssh-config';
import type { System } from '../services/system/system';
import type { RuntimeFacts } from '../main-services';

export type PlainNodeRuntime = Omit<RuntimeFacts, 'appInfo' | 'mirrorLog'> &
  Required<Pick<RuntimeFacts, 'secretsWarning'>>;

export async function plainNodeRuntime(
  system: System,
  dataDir: string,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): Promise<PlainNodeRuntime> {
  const secrets = openPlainSecretStore({ dataDir, system });
  return {
    system,
    homeDir,
    env,
    settingsBackend: createConfSettingsBackend,
    secrets: secrets.store,
    secretsWarning: secrets.warning,
    sshConfig: await sshConfigDeps(system, env, homeDir),
  };
}
