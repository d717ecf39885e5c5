// The last lines of the Gateway's log, from wherever they can be had: its `logs.tail` method once signed in (also
// followed page by page with its cursor), or over SSH from the file it writes on the host. Each of the Gateway's JSON
// records becomes one readable line with its level.
import type { Client } from 'ssh2';
import { z } from 'zod';
import {
  GATEWAY_LOG_LEVELS,
  GATEWAY_LOG_MAX_WINDOW_BYTES,
  type GatewayLogLevel,
  type GatewayLogLine,
  type GatewayLogPage,
} from '../../../shared/gateway-log';
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

export interface GatewayLogRead {
  /** From here on (a page's cursor); without it, the newest `windowBytes`. */
  cursor?: number;
  /** How many bytes one read covers, at most 1,000,000 (the Gateway's limit). */
  windowBytes: number;
  /** At most this many lines, the newest kept. */
  limit: number;
}

/**
 * One page of the Gateway's log through `logs.tail`, each line redacted by `redact` before it leaves: the Gateway
 * redacts what it knows to be sensitive, and this app knows its own secrets (the token, device tokens).
 */
export async function readGatewayLogPage(
  client: GatewayClient,
  read: GatewayLogRead,
  redact: (text: string) => string,
): Promise<GatewayLogPage> {
  const tail = await client.logsTail({
    ...(read.cursor === undefined ? {} : { cursor: read.cursor }),
    limit: read.limit,
    maxBytes: read.windowBytes,
  });
  return {
    file: tail.file,
    cursor: tail.cursor,
    // Redacted before and after parsing: a secret cut by the line's length limit, or escaped in JSON, is still found.
    lines: tail.lines.map((raw) => {
      const line = gatewayLogLine(redact(raw));
      return { ...line, text: redact(line.text) };
    }),
    // Read from the newest end, whatever cursor was passed: what is shown is replaced, not extended.
    reset: read.cursor === undefined || tail.reset === true,
    // `logs.tail` says truncated when its window started after the file's beginning (or dropped lines over the limit).
    olderAvailable: tail.truncated === true && read.windowBytes < GATEWAY_LOG_MAX_WINDOW_BYTES,
  };
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

/** One raw line as shown: readable, with the record's level when it is one of the Gateway's JSON records. */
export function gatewayLogLine(raw: string): GatewayLogLine {
  const level = levelOf(parseJson(raw));
  return { ...(level ? { level } : {}), text: readableLogLine(raw) };
}

const levelHolderSchema = z.looseObject({
  level: z.string().optional(),
  _meta: z.looseObject({ logLevelName: z.string().optional() }).optional(),
});

/** tslog's `_meta.logLevelName` (INFO, WARN, …), or a plain `level` field as the Gateway's own reader accepts. */
function levelOf(record: unknown): GatewayLogLevel | undefined {
  const holder = levelHolderSchema.safeParse(record);
  if (!holder.success) return undefined;
  const name = (holder.data._meta?.logLevelName ?? holder.data.level)?.toLowerCase();
  return GATEWAY_LOG_LEVELS.find((level) => level === name);
}

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
