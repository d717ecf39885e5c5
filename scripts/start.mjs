// `npm start`: builds the app and launches it in the real Electron runtime, fetching that runtime on first use. Where
// no desktop window can be had (no display, or no runtime for this machine or network) it says so in one line and
// opens the same Settings window through the browser host instead (`npm run web`), in the browser where it can.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { openInBrowser } from './open-in-browser.mjs';
import { chooseWindow, firstReason } from './window-choice.mjs';

const resolve = createRequire(import.meta.url).resolve;

await import('./build.mjs');

const choice = chooseWindow({ platform: process.platform, env: process.env, electronRuntime });
const child =
  choice.kind === 'electron'
    ? spawn(choice.binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
    : browserHost(choice.why);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** The runtime's path, downloading it quietly first if needed; a failure becomes one line's reason. */
function electronRuntime() {
  const electronDir = path.dirname(resolve('electron/package.json'));
  if (!existsSync(path.join(electronDir, 'path.txt'))) {
    console.log('Getting the Electron runtime (first start only, about 100 MB)…');
  }
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (install.status !== 0) return { error: firstReason(`${install.stderr}\n${install.stdout}`) };
  try {
    // The package's main export is the binary's path, now that the download is in place.
    return { binary: createRequire(import.meta.url)('electron') };
  } catch (error) {
    return { error: firstReason(error instanceof Error ? error.message : String(error)) };
  }
}

/** The browser host, its address passed through and opened in the browser. */
function browserHost(why) {
  console.log(`Opening the Settings window in your browser instead of the desktop app: ${why}.`);
  const host = spawn(process.execPath, ['out/main/web.js', ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let opened = false;
  host.stdout.setEncoding('utf8').on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]+/.exec(chunk)?.[0];
    if (url && !opened) {
      opened = true;
      openInBrowser(url);
    }
  });
  return host;
}
