// `npm start`: builds the app and launches it in the real Electron runtime. Electron fetches its binary
// on first use; where that cannot happen (no network, unsupported platform) it says so and points to
// `npm run web`, which runs the same app in a browser.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

await import('./build.mjs');

let electronBinary;
try {
  // The electron package's main export is the path of its binary, downloading it first if needed.
  electronBinary = createRequire(import.meta.url)('electron');
} catch (error) {
  console.error(
    `Could not get the Electron runtime: ${error instanceof Error ? error.message.split('\n')[0] : error}\n` +
      'OpenClaw Remote runs as a desktop app on macOS. Here you can open the same Settings window in a browser ' +
      'with `npm run web`.',
  );
  process.exit(1);
}

const app = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
