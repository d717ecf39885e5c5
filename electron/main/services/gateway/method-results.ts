// The shapes of the Gateway method results a settings app reads (health, status, system-presence, config.get,
// logs.tail), checked before use. Only the fields the app relies on are required; the rest pass through, since
// each Gateway release adds fields.
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const healthSchema = z.looseObject({
  ok: z.boolean().optional(),
  ts: z.number().optional(),
  durationMs: z.number().optional(),
  defaultAgentId: z.string().optional(),
});

export const statusSchema = z.looseObject({ runtimeVersion: z.string().optional() });

export const presenceListSchema = z.array(
  z.looseObject({
    ts: z.number(),
    host: z.string().optional(),
    clientId: z.string().optional(),
    mode: z.string().optional(),
    platform: z.string().optional(),
    version: z.string().optional(),
    deviceId: z.string().optional(),
    instanceId: z.string().optional(),
    roles: z.array(z.string()).optional(),
    scopes: z.array(z.string()).optional(),
    reason: z.string().optional(),
  }),
);

/** Secrets in it are already replaced by the Gateway with "__OPENCLAW_REDACTED__". */
export const configSnapshotSchema = z.looseObject({
  path: z.string().optional(),
  exists: z.boolean().optional(),
  valid: z.boolean().optional(),
  hash: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(z.unknown()).optional(),
});

export const logsTailSchema = z.looseObject({
  file: z.string(),
  /** Pass it back as `cursor` to read only what was written since. */
  cursor: count,
  size: count,
  lines: z.array(z.string()),
  truncated: z.boolean().optional(),
  /** The log was rotated or truncated since the cursor: reading started over. */
  reset: z.boolean().optional(),
  skippedBytes: count.optional(),
});

export type Health = z.infer<typeof healthSchema>;
export type GatewayStatus = z.infer<typeof statusSchema>;
export type PresenceEntry = z.infer<typeof presenceListSchema>[number];
export type ConfigSnapshot = z.infer<typeof configSnapshotSchema>;
export type LogsTail = z.infer<typeof logsTailSchema>;

export interface LogsTailParams {
  cursor?: number;
  /** 1–5000 lines. */
  limit?: number;
  /** 1–1,000,000 bytes. */
  maxBytes?: number;
}
