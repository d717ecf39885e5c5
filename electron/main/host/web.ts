// Entry point of the browser host (`npm run web`): the same main-process services and router as the
// Electron app, in plain Node, with the Settings window served to any local browser over the bridge.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { createMainServices } from '../main-services';
import { resolveDataDir } from '../services/app/data-dir';
import { sshCryptoInUse } from '../services/ssh/ssh-crypto';
import { nodeSystem } from '../system/node-system';
import { startAppSocket } from './app-socket';
import { plainNodeRuntime } from './plain-node-runtime';
import { startWebHost } from './web-host';

const USAGE = 'usage: openclaw-remote-web [--port N]   (N = 0 or omitted: any free port on 127.0.0.1)';

function parsePort(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true });
  if (values.port === undefined) return 0;
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".\n${USAGE}`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const system = nodeSystem();
  const homeDir = system.os.homedir();
  const dataDir = resolveDataDir({ env: process.env, platform: process.platform, homeDir });
  const { log, events, router, connection, windowsGone } = createMainServices({
    appInfo: {
      name: 'OpenClaw Remote',
      version,
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir,
      sshCrypto: sshCryptoInUse(),
    },
    mirrorLog: (line) => process.stderr.write(`${line}\n`),
    ...(await plainNodeRuntime(system, dataDir, process.env, homeDir)),
  });
  const host = await startWebHost({
    router,
    events,
    log: log.logger('web-host'),
    staticDir: path.join(import.meta.dirname, '..', 'renderer'),
    port,
    onLastPageGone: windowsGone,
  });
  // Stands in for the running app here too: `openclaw-remote` reaches this core through the same socket.
  const appSocket = await startAppSocket({
    router,
    events,
    log: log.logger('app-socket'),
    dataDir,
    platform: process.platform,
  });
  process.stdout.write(`OpenClaw Remote is open for your browser at:\n  ${host.url}\n(Ctrl-C stops it.)\n`);
  void connection.restoreAtLaunch();
  const stop = () => {
    void Promise.all([host.close(), appSocket?.close(), connection.shutdown()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  process.stderr.write(
    inUse ? `That port is already in use on 127.0.0.1; pick another with --port or omit it.\n` : `${message}\n`,
  );
  process.exit(2);
});
