// `npm start`'s choice of window: the Electron app where a desktop window can be shown and its runtime had, else the
// browser host with the one reason a person is told (no display, or the runtime's download failed, in a line).
import { describe, expect, it, vi } from 'vitest';
import { chooseWindow, firstReason } from '../../scripts/window-choice.mjs';

describe('chooseWindow', () => {
  it('opens the browser host on a Linux machine without a display, without fetching the runtime', () => {
    const electronRuntime = vi.fn(() => ({ binary: '/electron' }));
    const choice = chooseWindow({ platform: 'linux', env: {}, electronRuntime });
    expect(choice).toEqual({ kind: 'browser', why: expect.stringContaining('no display') });
    expect(electronRuntime).not.toHaveBeenCalled();
  });

  it('opens the browser host, saying why, when the runtime cannot be had', () => {
    const choice = chooseWindow({
      platform: 'darwin',
      env: {},
      electronRuntime: () => ({ error: 'fetch failed' }),
    });
    expect(choice).toEqual({ kind: 'browser', why: 'no Electron runtime could be had (fetch failed)' });
  });

  it('launches Electron where a display and the runtime are there', () => {
    expect(chooseWindow({ platform: 'darwin', env: {}, electronRuntime: () => ({ binary: '/electron' }) })).toEqual({
      kind: 'electron',
      binary: '/electron',
    });
    expect(
      chooseWindow({
        platform: 'linux',
        env: { WAYLAND_DISPLAY: 'wayland-0' },
        electronRuntime: () => ({ binary: '/e' }),
      }),
    ).toEqual({ kind: 'electron', binary: '/e' });
  });
});

describe('firstReason', () => {
  it("keeps a failed download's first telling line, without the stack or the progress line", () => {
    const output = [
      'Downloading Electron binary...',
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:13510:13',
      '    at async downloadArtifact (/x/node_modules/@electron/get/dist/index.js:1:1)',
    ].join('\n');
    expect(firstReason(output)).toBe('fetch failed');
    expect(firstReason('\n\n')).toBe('the download failed');
  });
});
