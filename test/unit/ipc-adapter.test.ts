// The Electron IPC transport answers only our own Settings window's main frame showing our renderer,
// and pushes events only to our windows.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../../electron/shared/contract';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as unknown[],
  fromWebContents: vi.fn(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  BrowserWindow: { fromWebContents: electron.fromWebContents, getAllWindows: () => electron.windows },
}));

const { registerIpc } = await import('../../electron/main/adapters/ipc');
const { createEventBus } = await import('../../electron/main/event-bus');
const { createTestLog } = await import('../fixtures/silent-log');

const OWN_URL = 'file:///app/out/renderer/index.html';

function makeWindow() {
  const mainFrame = { url: OWN_URL };
  const sender = { mainFrame, send: vi.fn(), isDestroyed: () => false };
  return { window: { webContents: sender }, sender, mainFrame };
}

function setup() {
  electron.handlers.clear();
  const own = makeWindow();
  const foreign = makeWindow();
  electron.windows = [own.window, foreign.window];
  electron.fromWebContents.mockImplementation((contents: unknown) =>
    contents === own.sender ? own.window : contents === foreign.sender ? foreign.window : null,
  );
  const router = { invoke: vi.fn(async () => ({ ok: true as const, value: 'answer' })) };
  const events = createEventBus(() => {});
  const unregister = registerIpc({
    router,
    events,
    log: createTestLog().logger('ipc'),
    isOwnWindow: (window) => window === (own.window as unknown),
    isOwnRendererUrl: (url) => url === OWN_URL,
  });
  const call = (channel: string, event: unknown, ...args: unknown[]) => electron.handlers.get(channel)!(event, ...args);
  return { own, foreign, router, events, unregister, call };
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('IPC adapter', () => {
  it('registers one handler per contract channel and removes them again', () => {
    const { unregister } = setup();
    expect([...electron.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(electron.handlers.size).toBe(0);
  });

  it('routes a request from our window’s main frame', async () => {
    const { own, router, call } = setup();
    await expect(call('log:recent', { sender: own.sender, senderFrame: own.mainFrame }, { limit: 3 })).resolves.toEqual(
      {
        ok: true,
        value: 'answer',
      },
    );
    expect(router.invoke).toHaveBeenCalledWith('log:recent', [{ limit: 3 }]);
  });

  it.each([
    [
      'another window',
      (s: ReturnType<typeof setup>) => ({ sender: s.foreign.sender, senderFrame: s.foreign.mainFrame }),
    ],
    [
      'a subframe of our window',
      (s: ReturnType<typeof setup>) => ({ sender: s.own.sender, senderFrame: { url: OWN_URL } }),
    ],
    [
      'our window showing a foreign page',
      (s: ReturnType<typeof setup>) => {
        s.own.mainFrame.url = 'https://evil.example/';
        return { sender: s.own.sender, senderFrame: s.own.mainFrame };
      },
    ],
    ['a frame that is gone', (s: ReturnType<typeof setup>) => ({ sender: s.own.sender, senderFrame: null })],
  ])('refuses a request from %s', async (_label, makeEvent) => {
    const state = setup();
    const result = await state.call('app:info', makeEvent(state));
    expect(result).toMatchObject({ ok: false, error: { kind: 'untrusted-sender' } });
    expect(state.router.invoke).not.toHaveBeenCalled();
  });

  it('pushes events to our windows only', () => {
    const { own, foreign, events } = setup();
    const entry = { seq: 0, time: 't', level: 'info' as const, source: 's', message: 'm' };
    events.emit('log:entry', entry);
    expect(own.sender.send).toHaveBeenCalledWith('log:entry', entry);
    expect(foreign.sender.send).not.toHaveBeenCalled();
  });
});
