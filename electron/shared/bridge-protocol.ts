// Frames of the WebSocket bridge that carries the IPC contract between the browser host and the renderer
// when there is no Electron preload. The host validates every frame a client sends (see web-host.ts).
import type { Result } from './errors';

export const BRIDGE_PATH = '/bridge';
/** The URL fragment key under which the browser host hands the page its per-run secret. */
export const BRIDGE_SECRET_PARAM = 'secret';

export interface InvokeFrame {
  type: 'invoke';
  id: number;
  channel: string;
  args: unknown[];
}

export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'protocol-error'; result: Result<never> };
