// Entry point of `openclaw-remote` (the package's bin, `npm run cli` from a checkout): runs one command over the
// app's services in plain Node, turning Ctrl-C into a clean close and the outcome into the exit code.
import { cliDataDir } from './cli/cli-data-dir';
import { openCliServices } from './cli/cli-services';
import { runCli } from './cli/run-cli';
import { reachRunningApp } from './cli/running-app';

// The name lsof and ss show for this process, so a tunnel `connect` left holding a port is known as ours (port-owner).
process.title = 'openclaw-remote';

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());
process.once('SIGTERM', () => interrupt.abort());

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    interrupt: interrupt.signal,
  },
  (options) => openCliServices(options, process.env),
  (dataDir) => reachRunningApp(cliDataDir(dataDir, process.env)),
);
process.exit(code);
