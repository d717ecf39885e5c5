// The Settings window: hardened webPreferences, navigation and new windows denied, one instance that is
// brought to the front when asked for again.
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

  function open(): BrowserWindow {
    if (window && !window.isDestroyed()) {
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
    if (renderer.devServerUrl) void created.loadURL(renderer.devServerUrl);
    else void created.loadFile(renderer.file);
    return created;
  }

  return {
    open,
    isOwnWindow: (candidate: BrowserWindow) => candidate === window,
  };
}
