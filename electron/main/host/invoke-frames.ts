// The one reading of a client's invoke frame, shared by the transports that carry the contract as JSON text (the
// browser host's WebSocket bridge, the app's Unix socket for the CLI): validated, run through the router, answered
// as a result frame, or refused as a protocol error that names who sent it.
import { z } from 'zod';
import type { InvokeFrame, ServerFrame } from '../../shared/bridge-protocol';
import { failure, type AppError } from '../../shared/errors';
import type { Router } from '../router';

const invokeFrameSchema: z.ZodType<InvokeFrame> = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  args: z.array(z.unknown()),
});

/**
 * The frame to send back for one frame of text (undefined: a frame that was not text, such as binary). `unreadable`
 * is the refusal, in the words of the transport's own client.
 */
export async function answerFrame(
  router: Router,
  text: string | undefined,
  unreadable: AppError,
): Promise<ServerFrame> {
  let json: unknown;
  try {
    json = text === undefined ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const frame = invokeFrameSchema.safeParse(json);
  if (!frame.success) return { type: 'protocol-error', result: failure(unreadable) };
  const { id, channel, args } = frame.data;
  return { type: 'result', id, result: await router.invoke(channel, args) };
}
