// The sandboxed preload: exposes `window.api` with exactly `invoke` and `on`, each limited to the
// contract's allowlisted names. The renderer never sees `ipcRenderer` or an IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isRequestChannel } from '../shared/channels';

const api = {
  invoke(channel: unknown, ...args: unknown[]): Promise<unknown> {
    if (!isRequestChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          kind: 'unknown-channel',
          message: `The app has no request named ${String(channel)}.`,
          hint: 'The window and the app are out of step; reload the window or reinstall the app.',
        },
      });
    }
    return ipcRenderer.invoke(channel, ...args);
  },
  on(event: unknown, listener: unknown): () => void {
    if (!isEventName(event)) throw new Error(`The app has no event named ${String(event)}.`);
    if (typeof listener !== 'function') throw new Error('on() needs a listener function.');
    const forward = (_event: unknown, payload: unknown) => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
