// The app's own log: a bounded ring buffer that the Logs section reads, with every known secret replaced
// by a placeholder before an entry is stored, so no secret can reach the log, its events or an export.
import type { LogEntry, LogLevel } from '../../../shared/log-entry';
import type { Clock } from '../system/clock';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface AppLog {
  /** A logger whose entries carry `source` (a service name such as `ssh` or `router`). */
  logger(source: string): Logger;
  /** Secrets registered here are redacted from every later entry. */
  addSecret(secret: string): void;
  /** `text` with every secret registered so far replaced, for text that leaves main without being logged. */
  redact(text: string): string;
  recent(limit: number): LogEntry[];
}

export interface AppLogOptions {
  capacity: number;
  /** Stamps each entry. */
  clock: Clock;
  onEntry?: (entry: LogEntry) => void;
  /** Where entries are mirrored as text lines (stderr in the browser host), if anywhere. */
  mirror?: (line: string) => void;
}

export const REDACTED = '[redacted]';
/** Shorter strings would redact ordinary words; no real token or passphrase is this short. */
const MIN_SECRET_LENGTH = 4;

export function createAppLog(options: AppLogOptions): AppLog {
  const entries: LogEntry[] = [];
  const secrets = new Set<string>();
  let seq = 0;

  function redact(text: string): string {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  function append(level: LogLevel, source: string, message: string): void {
    const entry: LogEntry = {
      seq: seq++,
      time: new Date(options.clock.now()).toISOString(),
      level,
      source,
      message: redact(message),
    };
    entries.push(entry);
    if (entries.length > options.capacity) entries.splice(0, entries.length - options.capacity);
    options.mirror?.(`${entry.time} ${level.padEnd(5)} [${source}] ${entry.message}`);
    options.onEntry?.(entry);
  }

  return {
    logger(source) {
      return {
        debug: (message) => append('debug', source, message),
        info: (message) => append('info', source, message),
        warn: (message) => append('warn', source, message),
        error: (message) => append('error', source, message),
      };
    },
    addSecret(secret) {
      if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    },
    redact,
    recent(limit) {
      return entries.slice(-limit);
    },
  };
}
