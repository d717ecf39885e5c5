// Opens an address in the person's browser with the platform's opener (`open` on macOS, `xdg-open` on Linux) where
// there is one and a display to show it on; otherwise does nothing, since the address is printed beside it anyway.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @param {string} url
 * @returns {boolean} whether an opener was started
 */
export function openInBrowser(url) {
  const opener = process.platform === 'darwin' ? '/usr/bin/open' : findOnPath('xdg-open');
  const hasDisplay = process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (opener === undefined || !isExecutable(opener) || !hasDisplay) return false;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
  return true;
}

/** @param {string} tool */
function findOnPath(tool) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, tool))
    .find(isExecutable);
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
