// Frames of the WebSocket bridge that carries the IPC contract between the browser host and the renderer
// when there is no Electron preload. The host validates every frame a client sends with these schemas.
import { z } from 'zod';
import type { Result } from './errors';

export const BRIDGE_PATH = '/bridge';
/** The URL fragment key under which the browser host hands the page its per-run secret. */
export const BRIDGE_SECRET_PARAM = 'secret';

export const invokeFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  args: z.array(z.unknown()),
});

export type InvokeFrame = z.infer<typeof invokeFrameSchema>;

export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'protocol-error'; result: Result<never> };
