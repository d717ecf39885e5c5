// `npm run cli -- <args>`: builds the main-process bundle (where the CLI lives) and runs `openclaw-remote` from this
// checkout, with its arguments, standard streams and exit code passed through.
import { spawn } from 'node:child_process';
import { build } from 'vite';

await build({ configFile: 'vite.main.config.ts', logLevel: 'warn' });
const cli = spawn(process.execPath, ['out/main/cli.js', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cli.kill(signal));
cli.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
