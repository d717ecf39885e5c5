// The preload is the renderer's only door into main: it must expose exactly `invoke` and `on`, and
// only for the contract's names, without ever handing the page an IPC event or ipcRenderer itself.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'from-main' })), on: vi.fn(), removeListener: vi.fn() },
}));
electron.contextBridge.exposeInMainWorld.mockImplementation((key: string, value: unknown) => {
  electron.exposed.set(key, value);
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

type ExposedApi = {
  invoke: (channel: unknown, ...args: unknown[]) => Promise<unknown>;
  on: (event: unknown, listener: unknown) => () => void;
};
let api: ExposedApi;

beforeAll(async () => {
  await import('../../electron/preload/index');
  api = electron.exposed.get('api') as ExposedApi;
});

describe('preload', () => {
  it('exposes one global, `api`, with exactly invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards an allowlisted request with its arguments', async () => {
    await expect(api.invoke('log:recent', { limit: 5 })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('log:recent', { limit: 5 });
  });

  it.each(['shell:exec', 'ELECTRON_BROWSER_REQUIRE', 42, undefined])(
    'answers %s with unknown-channel without touching IPC',
    async (channel) => {
      electron.ipcRenderer.invoke.mockClear();
      await expect(api.invoke(channel)).resolves.toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers only the payload of an allowlisted event and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.on('log:entry', listener);
    const [eventName, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [
      string,
      (e: unknown, p: unknown) => void,
    ];
    expect(eventName).toBe('log:entry');
    forward({ sender: 'ipc-event-with-sender' }, { seq: 1 });
    expect(listener).toHaveBeenCalledWith({ seq: 1 });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('log:entry', forward);
  });

  it('refuses to subscribe to a name outside the contract', () => {
    electron.ipcRenderer.on.mockClear();
    expect(() => api.on('ipc-internal', () => {})).toThrow(/no event named ipc-internal/);
    expect(() => api.on('log:entry', 'not a function')).toThrow(/listener function/);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
