// Which Settings window `npm start` opens: the Electron app where it can run, else the browser host, with the one
// reason a person is told. Kept apart from start.mjs so the decision is tested without a display or a download.

/**
 * @param {{ platform: NodeJS.Platform, env: NodeJS.ProcessEnv, electronRuntime: () => { binary: string } | { error: string } }} facts
 *   `electronRuntime` fetches the runtime if needed; it is asked only where a desktop window could be shown.
 * @returns {{ kind: 'electron', binary: string } | { kind: 'browser', why: string }}
 */
export function chooseWindow({ platform, env, electronRuntime }) {
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      kind: 'browser',
      why: 'there is no display here for a desktop window (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    };
  }
  const runtime = electronRuntime();
  if ('error' in runtime) return { kind: 'browser', why: `no Electron runtime could be had (${runtime.error})` };
  return { kind: 'electron', binary: runtime.binary };
}

/**
 * The first line of a failed download's output that says something (not npm's or Node's stack frames), so the reason
 * fits on the one line `npm start` prints.
 * @param {string} output
 * @returns {string}
 */
export function firstReason(output) {
  const lines = output.split('\n').map((line) => line.trim());
  const reason = lines.find((line) => line !== '' && !line.startsWith('at ') && !/^Downloading Electron/i.test(line));
  return (reason ?? 'the download failed').replace(/^\w*Error:\s*/, '').slice(0, 160);
}
