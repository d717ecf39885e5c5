// The IPC contract: every request channel with the schemas of its arguments and result, and every event
// with the schema of its payload. Renderer, preload, router, transports and tests all import this file,
// so it must not import `electron` or any Node module.
import { z } from 'zod';
import { appInfoSchema } from './app-info';
import { logEntrySchema } from './log-entry';
import type { EventName, RequestChannel } from './channels';
import type { Result } from './errors';

export { EVENT_NAMES, REQUEST_CHANNELS, isEventName, isRequestChannel } from './channels';
export type { EventName, RequestChannel } from './channels';

export const requests = {
  /** Versions, platform and data directory, for the About section. */
  'app:info': { args: z.tuple([]), result: appInfoSchema },
  /** The newest entries of the app's log (at most `limit`, oldest first). */
  'log:recent': {
    args: z.tuple([z.object({ limit: z.number().int().min(1).max(5000) })]),
    result: z.array(logEntrySchema),
  },
} as const satisfies Record<RequestChannel, { args: z.ZodTuple; result: z.ZodType }>;

export const events = {
  /** A new entry in the app's log. */
  'log:entry': logEntrySchema,
} as const satisfies Record<EventName, z.ZodType>;

export type RequestArgs<C extends RequestChannel> = z.infer<(typeof requests)[C]['args']>;
export type RequestResult<C extends RequestChannel> = z.infer<(typeof requests)[C]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** What the renderer sees as `window.api`, from the preload or from the WebSocket bridge alike. */
export interface Api {
  invoke<C extends RequestChannel>(channel: C, ...args: RequestArgs<C>): Promise<Result<RequestResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
