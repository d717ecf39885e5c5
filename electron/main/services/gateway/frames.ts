// Every frame a Gateway sends is checked here before anything reads it: the envelope (`res` or `event`), the
// connect challenge, hello-ok, the error shape and the shutdown notice. Unknown fields are kept, because the
// Gateway adds fields over time; anything malformed comes back as a reason, never as an exception.
import { z } from 'zod';
import { describeIssues } from '../../describe-issues';

const nonEmpty = z.string().min(1);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const gatewayErrorSchema = z.looseObject({
  code: nonEmpty,
  message: z.string(),
  details: z.unknown().optional(),
  retryable: z.boolean().optional(),
  retryAfterMs: count.optional(),
});

const responseFrameSchema = z.looseObject({
  type: z.literal('res'),
  id: nonEmpty,
  ok: z.boolean(),
  payload: z.unknown().optional(),
  error: gatewayErrorSchema.optional(),
});

const eventFrameSchema = z.looseObject({
  type: z.literal('event'),
  event: nonEmpty,
  payload: z.unknown().optional(),
  seq: count.optional(),
});

const incomingFrameSchema = z.discriminatedUnion('type', [responseFrameSchema, eventFrameSchema]);

export const challengeSchema = z.looseObject({
  // The nonce is signed and echoed back as sent, so it is used trimmed exactly as the Gateway compares it.
  nonce: z.string().trim().min(1),
  ts: count,
});

export const helloOkSchema = z.looseObject({
  type: z.literal('hello-ok'),
  protocol: z.number().int(),
  server: z.looseObject({ version: nonEmpty, connId: z.string().optional() }),
  auth: z.looseObject({
    method: z.string().optional(),
    role: nonEmpty,
    scopes: z.array(z.string()),
    deviceToken: nonEmpty.optional(),
  }),
  policy: z.looseObject({ tickIntervalMs: z.number().int().positive() }),
});

export const shutdownSchema = z.looseObject({ reason: z.string(), restartExpectedMs: count.optional() });

export type GatewayErrorShape = z.infer<typeof gatewayErrorSchema>;
export type ResponseFrame = z.infer<typeof responseFrameSchema>;
export type EventFrame = z.infer<typeof eventFrameSchema>;
export type IncomingFrame = ResponseFrame | EventFrame;
export type Challenge = z.infer<typeof challengeSchema>;
export type HelloOk = z.infer<typeof helloOkSchema>;

export type ParsedFrame = { ok: true; frame: IncomingFrame } | { ok: false; reason: string };

/** Reads one text message; the WebSocket layer has already refused binary and oversize ones. */
export function parseFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = incomingFrameSchema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  return { ok: false, reason: `not a Gateway frame (${describeIssues(parsed.error)})` };
}
