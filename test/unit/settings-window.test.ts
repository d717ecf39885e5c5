// The Settings window is created with the hardened webPreferences and refuses navigation, new windows
// and webviews; only https links leave the app, and only to the system browser.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const created: FakeWindow[] = [];
  class FakeWindow {
    options: Record<string, unknown>;
    listeners = new Map<string, (...args: unknown[]) => void>();
    contentsListeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    loaded: string | undefined;
    shown = 0;
    webContents = {
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        this.openHandler = handler;
      },
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) =>
        this.contentsListeners.set(name, listener),
    };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      created.push(this);
    }
    once(name: string, listener: () => void) {
      this.listeners.set(name, listener);
    }
    on(name: string, listener: () => void) {
      this.listeners.set(name, listener);
    }
    isDestroyed() {
      return false;
    }
    show() {
      this.shown += 1;
    }
    focus() {}
    isMinimized() {
      return false;
    }
    restore() {}
    loadFile(file: string, options?: { hash?: string }) {
      this.loaded = options?.hash === undefined ? file : `${file}#${options.hash}`;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  return { created, FakeWindow, openExternal: vi.fn(async () => {}) };
});
vi.mock('electron', () => ({ BrowserWindow: electron.FakeWindow, shell: { openExternal: electron.openExternal } }));

const { createSettingsWindowController, isRendererUrl } = await import('../../electron/main/adapters/settings-window');

describe('Settings window', () => {
  const renderer = { file: '/app/out/renderer/index.html' };

  it('uses the hardened webPreferences', () => {
    createSettingsWindowController('/app/out/preload/index.cjs', renderer, () => {}).open();
    const window = electron.created.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(window.options.show).toBe(false);
    expect(window.loaded).toBe(renderer.file);
  });

  it('denies new windows, hands only https links to the system browser', () => {
    createSettingsWindowController('/p.cjs', renderer, () => {}).open();
    const window = electron.created.at(-1)!;
    expect(window.openHandler!({ url: 'https://docs.openclaw.ai/' })).toEqual({ action: 'deny' });
    expect(window.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.openExternal).toHaveBeenCalledWith('https://docs.openclaw.ai/');
  });

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('cancels %s', (name) => {
    createSettingsWindowController('/p.cjs', renderer, () => {}).open();
    const preventDefault = vi.fn();
    electron.created.at(-1)!.contentsListeners.get(name)!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });

  it('brings the one window forward instead of opening a second', () => {
    const controller = createSettingsWindowController('/p.cjs', renderer, () => {});
    const before = electron.created.length;
    const first = controller.open();
    const again = controller.open();
    expect(again).toBe(first);
    expect(electron.created.length).toBe(before + 1);
    expect(controller.isOwnWindow(first)).toBe(true);
  });

  it('opens a new window at a fragment when asked (the menu bar’s Run Diagnostics…); an open one keeps its page', () => {
    const controller = createSettingsWindowController('/p.cjs', renderer, () => {});
    const window = controller.open('run-diagnostics');
    expect(electron.created.at(-1)!.loaded).toBe(`${renderer.file}#run-diagnostics`);
    expect(controller.current()).toBe(window);
    expect(controller.open('run-diagnostics')).toBe(window);
    expect(electron.created.at(-1)!.loaded).toBe(`${renderer.file}#run-diagnostics`);
  });

  it('says when the window closed (what only a window needed can stop), and opens a new one after', () => {
    const closed = vi.fn();
    const controller = createSettingsWindowController('/p.cjs', renderer, closed);
    const first = controller.open();
    electron.created.at(-1)!.listeners.get('closed')!();
    expect(closed).toHaveBeenCalledOnce();
    expect(controller.isOwnWindow(first)).toBe(false);
    expect(controller.current()).toBeUndefined();
    expect(controller.open()).not.toBe(first);
  });

  it('recognises only its own renderer URL as trusted', () => {
    expect(isRendererUrl(renderer, 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isRendererUrl(renderer, 'file:///app/out/renderer/index.html#about')).toBe(true);
    expect(isRendererUrl(renderer, 'file:///tmp/evil.html')).toBe(false);
    expect(isRendererUrl(renderer, 'https://example.com/')).toBe(false);
    expect(isRendererUrl(renderer, 'not a url')).toBe(false);
    const dev = { ...renderer, devServerUrl: 'http://localhost:5173/' };
    expect(isRendererUrl(dev, 'http://localhost:5173/index.html')).toBe(true);
    expect(isRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
  });
});
