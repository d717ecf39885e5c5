// The remote Gateway's log as the Logs page and `openclaw-remote logs` show it: pages read through the Gateway's
// `logs.tail`, each record one readable line with its level, every known secret already redacted by main.
import { z } from 'zod';

/** The Gateway's log levels (tslog's names, lower case). */
export const GATEWAY_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type GatewayLogLevel = (typeof GATEWAY_LOG_LEVELS)[number];

export const gatewayLogLineSchema = z.object({
  /** Absent for a line that is no JSON record (a crash's stack trace, an older install's plain text). */
  level: z.enum(GATEWAY_LOG_LEVELS).optional(),
  /** `00:31:44 INFO gateway: loading configuration…` */
  text: z.string(),
});

/** The byte window a first read (and "Load older") covers; `logs.tail` reads at most 1,000,000 bytes at once. */
export const GATEWAY_LOG_MAX_WINDOW_BYTES = 1_000_000;
/** The most lines one read returns (the Gateway's own limit). */
export const GATEWAY_LOG_MAX_LINES = 5000;

export const gatewayLogPageSchema = z.object({
  /** The log file on the Gateway host. */
  file: z.string(),
  /** Pass it back as `cursor` to read only what was written since. */
  cursor: z.number().int().nonnegative(),
  /** Oldest first. */
  lines: z.array(gatewayLogLineSchema),
  /**
   * The lines do not follow on from the cursor that was passed (the log was rotated, or more was written than one read
   * covers): they replace what was shown rather than extend it.
   */
  reset: z.boolean(),
  /** Older lines exist before the first one here: a wider window would show them. */
  olderAvailable: z.boolean(),
});

export type GatewayLogLine = z.infer<typeof gatewayLogLineSchema>;
export type GatewayLogPage = z.infer<typeof gatewayLogPageSchema>;
