// The Settings window: hardened webPreferences, navigation and new windows denied, one instance that is
// brought to the front (restored if minimised) when asked for again.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, shell, type WebPreferences } from 'electron';

export interface RendererLocation {
  /** The dev server's URL when developing, else undefined. */
  devServerUrl?: string;
  /** The built renderer's index.html. */
  file: string;
}

export function settingsWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Whether a frame's URL shows our renderer: the built index.html, or a page of the dev server. */
export function isRendererUrl(renderer: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (renderer.devServerUrl) return parsed.origin === new URL(renderer.devServerUrl).origin;
  return parsed.protocol === 'file:' && fileURLToPath(parsed) === path.resolve(renderer.file);
}

export function createSettingsWindowController(preloadPath: string, renderer: RendererLocation, onClosed: () => void) {
  let window: BrowserWindow | undefined;

  /** `hash`: for a window opened now, the fragment its page starts from (a request such as running Diagnostics). */
  function open(hash?: string): BrowserWindow {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return window;
    }
    const created = new BrowserWindow({
      title: 'OpenClaw Remote',
      width: 820,
      height: 600,
      minWidth: 640,
      minHeight: 440,
      show: false,
      webPreferences: settingsWebPreferences(preloadPath),
    });
    window = created;
    const contents = created.webContents;
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    created.once('ready-to-show', () => created.show());
    created.on('closed', () => {
      window = undefined;
      onClosed();
    });
    if (renderer.devServerUrl) {
      const url = new URL(renderer.devServerUrl);
      if (hash !== undefined) url.hash = hash;
      void created.loadURL(url.toString());
    } else void created.loadFile(renderer.file, hash === undefined ? {} : { hash });
    return created;
  }

  return {
    open,
    /** The window while it is open. */
    current: () => (window && !window.isDestroyed() ? window : undefined),
    isOwnWindow: (candidate: BrowserWindow) => candidate === window,
  };
}
