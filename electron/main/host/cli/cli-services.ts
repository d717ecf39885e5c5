// What `openclaw-remote` runs on: the app's own core (settings, secrets, profiles, connection, Tailscale, actions and
// router) over the chosen data directory in its plain-Node flavour (conf, and the keychain the app uses, or a secrets
// file readable only by the user where none answers), asking on the terminal and leaving the app's remembered
// connection alone.
import { version } from '../../../../package.json';
import type { EventName, EventPayload } from '../../../shared/contract';
import { createMainServices } from '../../main-services';
import type { Logger } from '../../services/log/app-log';
import { nodeSystem } from '../../system/node-system';
import { plainNodeRuntime } from '../plain-node-runtime';
import { cliDataDir } from './cli-data-dir';
import type { CliOpenOptions, CliServices } from './run-cli';

/** OPENCLAW_REMOTE_DEBUG=1 mirrors the app log (secrets redacted) to standard error. */
const DEBUG_ENV = 'OPENCLAW_REMOTE_DEBUG';

export async function openCliServices(options: CliOpenOptions, env: NodeJS.ProcessEnv): Promise<CliServices> {
  const system = nodeSystem();
  const homeDir = system.os.homedir();
  const dataDir = cliDataDir(options.dataDir, env, homeDir);
  const runtime = await plainNodeRuntime(system, dataDir, env, homeDir);
  const core = createMainServices({
    ...runtime,
    appInfo: {
      name: 'OpenClaw Remote',
      version,
      host: 'cli',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir,
    },
    ...(env[DEBUG_ENV] ? { mirrorLog: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    prompts: options.prompts,
    // A command-line check or session is not the app's connection: what the app reconnects at launch stays.
    remembersConnection: false,
    openclawCliReport: options.lasting ? terminalReport : false,
    ...(options.tailscaleCli === undefined ? {} : { tailscaleCliPath: options.tailscaleCli }),
  });
  return {
    problems: core.startupProblems,
    ...(runtime.secretsWarning ? { secretsWarning: runtime.secretsWarning } : {}),
    invoke: (channel, ...args) => core.router.invoke(channel, args) as never,
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
      core.events.subscribe((name, payload) => {
        if (name === event) listener(payload as EventPayload<E>);
      }),
    shutdown: () => core.connection.shutdown(),
  };
}

/** What was written to the OpenClaw CLI's config is the person's business: say it where they look. */
const terminalReport: Logger = {
  debug: () => {},
  info: (message) => process.stdout.write(`${message}\n`),
  warn: (message) => process.stderr.write(`openclaw-remote: warning: ${message}\n`),
  error: (message) => process.stderr.write(`openclaw-remote: error: ${message}\n`),
};
