// Electron transport for the router: one ipcMain.handle per contract channel, answering only frames of
// our own Settings window that show our own renderer, and events pushed to those windows.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { REQUEST_CHANNELS } from '../../shared/contract';
import { appError, failure } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Router } from '../router';
import type { Logger } from '../services/log/app-log';

export interface IpcAdapterOptions {
  router: Router;
  events: EventBus;
  log: Logger;
  /** Windows whose renderer may talk to main. */
  isOwnWindow: (window: BrowserWindow) => boolean;
  /** Whether a frame URL is our renderer (the packaged file or the dev server). */
  isOwnRendererUrl: (url: string) => boolean;
}

export function registerIpc(options: IpcAdapterOptions): () => void {
  const { router, events, log } = options;

  function isTrusted(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame) return false;
    const window = BrowserWindow.fromWebContents(event.sender);
    return window !== null && options.isOwnWindow(window) && options.isOwnRendererUrl(frame.url);
  }

  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrusted(event)) {
        log.warn(`Refused ${channel} from an untrusted frame (${event.senderFrame?.url ?? 'no frame'})`);
        return failure(
          appError(
            'untrusted-sender',
            'This request did not come from the app’s own window, so it was refused.',
            'Use the Settings window the app opens; if this appears there, quit and reopen the app.',
          ),
        );
      }
      return router.invoke(channel, args);
    });
  }

  const unsubscribe = events.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (options.isOwnWindow(window)) sendIfAlive(window.webContents, name, payload);
    }
  });

  return () => {
    unsubscribe();
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

function sendIfAlive(contents: WebContents, name: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(name, payload);
}
