// One line of the app's own log, as the Logs section shows it. Secrets are redacted before an entry exists.
import { z } from 'zod';

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

export const logEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  time: z.string(),
  level: logLevelSchema,
  source: z.string(),
  message: z.string(),
});

export type LogLevel = z.infer<typeof logLevelSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;
