// The last lines of the Gateway's log, from wherever they can be had: its `logs.tail` method once signed in, or over
// SSH from the file it writes on the host. Each of the Gateway's JSON records becomes one readable line.
import type { Client } from 'ssh2';
import { z } from 'zod';
import { readRemoteFile, runRemoteCommand } from '../ssh/remote';
import type { Clock } from '../system/clock';
import type { GatewayClient } from './gateway-client';

export interface GatewayLogTail {
  /** The file the lines come from, as the host names it. */
  file: string;
  /** Oldest first, one readable line per record. */
  lines: string[];
}

/** Enough for the last lines of any log: one record of the Gateway's JSON log is rarely over 2 KB. */
const TAIL_BYTES = 64 * 1024;
/** A record with a long payload is cut here: the line is for reading, the file has the rest. */
const MAX_LINE_CHARS = 400;

/** The last `lineCount` lines through the Gateway's own `logs.tail` (it needs operator.read). */
export async function tailGatewayLog(client: GatewayClient, lineCount: number): Promise<GatewayLogTail> {
  const tail = await client.logsTail({ limit: lineCount, maxBytes: TAIL_BYTES });
  return { file: tail.file, lines: tail.lines.slice(-lineCount).map(readableLogLine) };
}

export interface LogFileOptions {
  clock: Clock;
  timeoutMs: number;
}

/**
 * Where a Gateway writes its log when nothing says otherwise: today's file (the host's date, as the Gateway names
 * it) under /tmp/openclaw, then where older installs kept it.
 */
export async function defaultGatewayLogFiles(client: Client, options: LogFileOptions): Promise<string[]> {
  const older = '~/.openclaw/logs/gateway.log';
  const date = await runRemoteCommand(client, ['date', '+%F'], { ...options, maxOutputBytes: 1024 });
  const today = date.stdout.trim();
  return date.code === 0 && /^\d{4}-\d{2}-\d{2}$/u.test(today)
    ? [`/tmp/openclaw/openclaw-${today}.log`, older]
    : [older];
}

/** The last `lineCount` lines of the first of `files` that exists on the host, read over SFTP; undefined if none. */
export async function tailGatewayLogFile(
  client: Client,
  files: readonly string[],
  options: LogFileOptions & { lineCount: number },
): Promise<GatewayLogTail | undefined> {
  for (const file of files) {
    const bytes = await readRemoteFile(client, file, { ...options, maxBytes: TAIL_BYTES, tail: true });
    if (bytes === undefined) continue;
    const lines = bytes.toString('utf8').split('\n');
    // A tail that starts inside the file starts inside a line.
    if (bytes.length === TAIL_BYTES) lines.shift();
    const records = lines.filter((line) => line.trim() !== '');
    return { file, lines: records.slice(-options.lineCount).map(readableLogLine) };
  }
  return undefined;
}

/** One record of the Gateway's file log (tslog's JSON: the logger's name as "0", then arguments, then meta). */
const logRecordSchema = z.looseObject({
  time: z.string().optional(),
  message: z.string(),
  '0': z.string().optional(),
  _meta: z.looseObject({ logLevelName: z.string().optional() }).optional(),
});
const loggerNameSchema = z.looseObject({ subsystem: z.string().optional(), module: z.string().optional() });

/** `00:31:44 INFO gateway: loading configuration…`; a line that is no such record stays as it is. */
export function readableLogLine(raw: string): string {
  const record = logRecordSchema.safeParse(parseJson(raw));
  if (!record.success) return raw.slice(0, MAX_LINE_CHARS);
  const { time, message, _meta: meta } = record.data;
  const name = loggerNameSchema.safeParse(parseJson(record.data['0'] ?? ''));
  const source = name.success ? (name.data.subsystem ?? name.data.module) : undefined;
  // The Gateway writes its host's local time with the offset: 2026-12-02T00:31:44.144+00:00.
  const clock = time?.match(/T(\d{2}:\d{2}:\d{2})/u)?.[1];
  // Some messages name their source already ("cron: job added").
  const named = source === undefined || message.startsWith(`${source}:`) ? undefined : `${source}:`;
  const words = [clock, meta?.logLevelName, named, message];
  return words
    .filter((word) => word !== undefined)
    .join(' ')
    .slice(0, MAX_LINE_CHARS);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
