// What `openclaw-remote` runs on: the app's own settings, secrets and profile services over the chosen data
// directory (plain-Node flavour: conf, and a secrets file readable only by the user), a connection manager that
// leaves the app's remembered state alone, and the Tailscale service.
import path from 'node:path';
import { version } from '../../../../package.json';
import { DATA_DIR_ENV, resolveDataDir } from '../../services/app/data-dir';
import { createProfileConnection, NO_MEMORY } from '../../services/connection/profile-connection';
import { createAppLog } from '../../services/log/app-log';
import { primaryProfile } from '../../services/profiles/primary-profile';
import { createProfileService } from '../../services/profiles/profile-service';
import { openSettingsStore } from '../../services/settings/settings-store';
import { createTailscaleService } from '../../services/tailscale/tailscale-service';
import { nodeSystem } from '../../system/node-system';
import { plainNodeRuntime } from '../plain-node-runtime';
import type { CliServices } from './run-cli';

/** OPENCLAW_REMOTE_DEBUG=1 mirrors the app log (secrets redacted) to standard error. */
const DEBUG_ENV = 'OPENCLAW_REMOTE_DEBUG';

export async function openCliServices(dataDirFlag: string | undefined, env: NodeJS.ProcessEnv): Promise<CliServices> {
  const system = nodeSystem();
  const homeDir = system.os.homedir();
  const dataDir = resolveDataDir({
    env: dataDirFlag === undefined ? env : { ...env, [DATA_DIR_ENV]: path.resolve(dataDirFlag) },
    platform: process.platform,
    homeDir,
  });
  const runtime = await plainNodeRuntime(system, dataDir, env, homeDir);
  const settings = openSettingsStore({ dataDir, backend: runtime.settingsBackend, system });
  const { secrets, sshConfig } = runtime;
  const profiles = createProfileService({ settings, secrets, homeDir, system });
  const appLog = createAppLog({
    capacity: 1000,
    clock: system.clock,
    ...(env[DEBUG_ENV] ? { mirror: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  const findProfile = (ref: string | undefined) =>
    ref === undefined ? primaryProfile(profiles.list(), settings.settings().primaryProfileId) : profiles.find(ref);
  return {
    problems: [...settings.problems, ...secrets.problems],
    secretsWarning: runtime.secretsWarning,
    profiles: {
      list: () => profiles.list(),
      find: (ref) => findProfile(ref),
      add: async (input, { token, primary }) => {
        const profile = await profiles.add(input, token);
        if (primary) profiles.setPrimary(profile.id);
        return profile;
      },
      remove: async (ref) => {
        const profile = profiles.find(ref);
        await profiles.remove(profile.id);
        return profile;
      },
      hasToken: async (id) => (await profiles.token(id)) !== undefined,
      primaryId: () => settings.settings().primaryProfileId,
    },
    connection: (prompts, lasting) =>
      createProfileConnection({
        profiles,
        settings,
        secrets,
        system,
        sshConfig,
        prompts,
        // A command-line check or session is not the app's connection: what the app reconnects at launch stays.
        memory: NO_MEMORY,
        log: appLog,
        appVersion: version,
        ...(lasting
          ? {
              openclawCli: {
                env,
                homeDir,
                // What was written is the person's business: say it where they look.
                log: {
                  debug: () => {},
                  info: (message: string) => process.stdout.write(`${message}\n`),
                  warn: (message: string) => process.stderr.write(`openclaw-remote: warning: ${message}\n`),
                  error: (message: string) => process.stderr.write(`openclaw-remote: error: ${message}\n`),
                },
              },
            }
          : {}),
      }),
    tailscale: (cliPath) =>
      createTailscaleService({
        system,
        homeDir,
        env,
        cliPath: () => cliPath ?? settings.settings().tailscaleCliPath,
      }),
  };
}
