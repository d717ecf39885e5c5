// The renderer's side of the browser host's WebSocket bridge: the same Api the preload exposes, carried
// as JSON frames. Requests made before the socket opens wait for it; when it closes, every pending and
// later request fails with an error that says how to get a working page back.
import { BRIDGE_PATH, BRIDGE_SECRET_PARAM, type ServerFrame } from '../electron/shared/bridge-protocol';
import type { Api, EventName } from '../electron/shared/contract';
import { appError, failure, type Result } from '../electron/shared/errors';

type Pending = (result: Result<unknown>) => void;

const closedError = appError(
  'bridge-closed',
  'This page lost its connection to OpenClaw Remote.',
  'Start it again with `npm run web` and open the new address it prints.',
);

export function createBridgeApi(pageUrl: URL): Api {
  const secret = new URLSearchParams(pageUrl.hash.slice(1)).get(BRIDGE_SECRET_PARAM) ?? '';
  const socketUrl = new URL(BRIDGE_PATH, pageUrl);
  socketUrl.protocol = pageUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.hash = '';
  socketUrl.search = new URLSearchParams({ [BRIDGE_SECRET_PARAM]: secret }).toString();

  const socket = new WebSocket(socketUrl);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true));
    socket.addEventListener('close', () => resolve(false));
  });
  let nextId = 0;
  let closed = false;

  socket.addEventListener('close', () => {
    closed = true;
    for (const settle of pending.values()) settle(failure(closedError));
    pending.clear();
  });
  socket.addEventListener('message', (message) => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(message.data)) as ServerFrame;
    } catch {
      console.warn('OpenClaw Remote: ignored an unreadable frame from the app');
      return;
    }
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.type === 'event') {
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
    }
  });

  return {
    async invoke(channel, ...args) {
      if (closed || !(await opened)) return failure(closedError);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
      });
    },
    on(event: EventName, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };
}
