// One app per Mac (with Electron mocked): a launch that finds the lock taken quits; the running one, told of the
// second launch, brings its Settings window forward — restored when minimised, shown, focused — or opens it.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: FakeWindow[] = [];
  class FakeWindow {
    minimized = false;
    calls: string[] = [];
    webContents = { setWindowOpenHandler: () => {}, on: () => {} };
    constructor() {
      created.push(this);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
      this.calls.push('restore');
    }
    show() {
      this.calls.push('show');
    }
    focus() {
      this.calls.push('focus');
    }
    loadFile() {
      return Promise.resolve();
    }
  }
  return { created, FakeWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.FakeWindow, shell: { openExternal: vi.fn() } }));

const { claimSingleInstance } = await import('../../electron/main/adapters/single-instance');
const { createSettingsWindowController } = await import('../../electron/main/adapters/settings-window');

function standInApp(lock: boolean) {
  const app = new EventEmitter() as EventEmitter & { requestSingleInstanceLock: () => boolean; quit: () => void };
  app.requestSingleInstanceLock = () => lock;
  app.quit = vi.fn();
  return app;
}

describe('single instance', () => {
  it('a second launch brings the minimised window back to the front', () => {
    const settings = createSettingsWindowController('/p.cjs', { file: '/app/index.html' }, () => {});
    const app = standInApp(true);
    expect(claimSingleInstance(app, () => settings.open())).toBe(true);
    const window = settings.open() as unknown as InstanceType<typeof electron.FakeWindow>;
    window.minimized = true;
    window.calls = [];

    app.emit('second-instance');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(electron.created).toHaveLength(1);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('a second launch with no window open opens one', () => {
    const settings = createSettingsWindowController('/p.cjs', { file: '/app/index.html' }, () => {});
    const app = standInApp(true);
    claimSingleInstance(app, () => settings.open());
    const before = electron.created.length;
    app.emit('second-instance');
    expect(electron.created).toHaveLength(before + 1);
  });

  it('the second launch itself quits', () => {
    const app = standInApp(false);
    const show = vi.fn();
    expect(claimSingleInstance(app, show)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    app.emit('second-instance');
    expect(show).not.toHaveBeenCalled();
  });
});
