// Running the Tailscale CLI the way a Finder-launched app has to: an argument array and no shell, TERM set (without
// it the GUI bundle binary answers "CLIError error 3" or boots a second GUI), a timeout, room for a large tailnet's
// JSON, and every way a run can go wrong turned into an error that says what happened and what to do.
import { appError, type AppError } from '../../../shared/errors';
import type { ExecFileFailure, Processes } from '../system/system';

export const CLI_TIMEOUT_MS = 5_000;
/** A 500-peer tailnet prints about 700 KB of status JSON: 400 KB (OpenClaw's limit) is already too small. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
const QUOTE_CHARS = 200;

export type CliOutcome =
  | { kind: 'exited'; code: number; stdout: string; stderr: string }
  | { kind: 'not-found' }
  | { kind: 'not-executable'; detail: string }
  | { kind: 'timed-out'; timeoutMs: number }
  | { kind: 'killed'; signal: string; stderr: string }
  | { kind: 'too-much-output' }
  | { kind: 'spawn-failed'; detail: string };

export type RunCli = (file: string, args: readonly string[], options?: { timeoutMs?: number }) => Promise<CliOutcome>;

export interface CliRunnerOptions {
  processes: Processes;
  /** The environment the CLI runs in. */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function createCliRunner(options: CliRunnerOptions): RunCli {
  const env = { ...options.env, TERM: options.env.TERM || 'dumb' };
  return async (file, args, runOptions = {}) => {
    const timeoutMs = runOptions.timeoutMs ?? options.timeoutMs ?? CLI_TIMEOUT_MS;
    // SIGKILL: the hung GUI binary is not a process that can be asked politely.
    const settings = { env, timeout: timeoutMs, killSignal: 'SIGKILL' as const, maxBuffer: MAX_OUTPUT_BYTES };
    try {
      const { stdout, stderr } = await options.processes.execFile(file, args, settings);
      return { kind: 'exited', code: 0, stdout, stderr };
    } catch (error) {
      return failedRun(error as ExecFileFailure, timeoutMs);
    }
  };
}

/** A spawn error (a path through a file, ENOTDIR) comes without output. */
function failedRun(error: ExecFileFailure, timeoutMs: number): CliOutcome {
  const { code, signal, killed, stdout = '', stderr = '' } = error;
  if (typeof code === 'number') return { kind: 'exited', code, stdout, stderr };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'not-found' };
  if (code === 'EACCES' || code === 'ENOEXEC') return { kind: 'not-executable', detail: error.message };
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return { kind: 'too-much-output' };
  if (killed) return { kind: 'timed-out', timeoutMs };
  if (signal) return { kind: 'killed', signal, stderr };
  return { kind: 'spawn-failed', detail: error.message };
}

/** Braces that open no JSON (a banner's "{user}") are skipped; past this many, the output is not an answer. */
const MAX_JSON_STARTS = 20;

/**
 * The first JSON object in a CLI answer, so that banners a wrapper or a login script prints before or after it do
 * not matter, even when they contain braces themselves. `undefined` when there is none.
 */
export function extractJsonObject(stdout: string): unknown {
  let start = stdout.indexOf('{');
  for (let tries = 0; start >= 0 && tries < MAX_JSON_STARTS; tries += 1) {
    const end = matchingBrace(stdout, start);
    if (end >= 0) {
      try {
        return JSON.parse(stdout.slice(start, end + 1)) as unknown;
      } catch {
        // Not JSON after all: try the next brace.
      }
    }
    start = stdout.indexOf('{', start + 1);
  }
  return undefined;
}

/** Where the object opened at `start` closes, skipping braces inside strings; -1 when it never does. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** What the macOS app binary prints instead of answering when it does not see a terminal, or is broken. */
const GUI_TRAP = /The Tailscale (GUI|CLI) failed to start/;

export function isGuiTrap(stdout: string): boolean {
  return GUI_TRAP.test(stdout);
}

/**
 * A CLI that exited 0 but did not give the answer asked for: the GUI-launch trap (error 3) or something else that
 * is not the CLI. This says "the CLI is unusable", never anything about the tailnet.
 */
export function unusableAnswer(path: string, command: string, stdout: string): AppError {
  const said = firstLine(stdout);
  if (isGuiTrap(stdout)) {
    return appError(
      'tailscale-cli-unusable',
      `The Tailscale CLI at ${path} cannot be used from this app: it printed "${said}" instead of answering ` +
        `"tailscale ${command}".`,
      'This is the Tailscale app refusing to act as a command-line tool. Install the command-line tool (Tailscale ' +
        'menu → Settings → "Install CLI", which puts it in /usr/local/bin), or choose another CLI path in settings.',
    );
  }
  return appError(
    'tailscale-cli-unusable',
    `The program at ${path} did not answer "tailscale ${command}" as the Tailscale CLI does: ` +
      (said ? `it printed "${said}".` : 'it printed nothing.'),
    'Check that the path points at the Tailscale CLI, or clear it in settings to let the app find one.',
  );
}

/** The error for a run that did not exit 0, or never ran. */
export function cliFailure(path: string, command: string, outcome: CliOutcome): AppError {
  const what = `"tailscale ${command}"`;
  switch (outcome.kind) {
    case 'not-found':
      return appError(
        'tailscale-not-installed',
        `There is no Tailscale CLI at ${path}.`,
        'Install Tailscale, or choose the CLI path in settings.',
      );
    case 'not-executable':
      return appError(
        'tailscale-cli-unusable',
        `The file ${path} cannot be run as the Tailscale CLI (${outcome.detail}).`,
        'Point the CLI path at the tailscale program itself, and check that it is executable.',
      );
    case 'timed-out':
      return appError(
        'tailscale-cli-timeout',
        `The Tailscale CLI at ${path} did not answer ${what} within ${outcome.timeoutMs / 1000} s, so it was stopped.`,
        'The Tailscale app binary can hang when a program starts it outside a terminal. Install the command-line ' +
          'tool (Tailscale menu → Settings → "Install CLI") or choose another CLI path in settings.',
      );
    case 'killed':
      return appError(
        'tailscale-cli-crashed',
        `The Tailscale CLI at ${path} crashed (${outcome.signal}) running ${what}` +
          (errorLine(outcome.stderr) ? `: ${errorLine(outcome.stderr)}` : '.'),
        'A symbolic link to the Tailscale app binary crashes this way: point the CLI path at ' +
          '/Applications/Tailscale.app/Contents/MacOS/Tailscale itself, or at the installed command-line tool.',
      );
    case 'too-much-output':
      return appError(
        'tailscale-cli-failed',
        `The Tailscale CLI at ${path} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MB for ${what}.`,
        'This is far more than any tailnet lists; check that the CLI path points at Tailscale.',
      );
    case 'spawn-failed':
      return appError(
        'tailscale-cli-failed',
        `The Tailscale CLI at ${path} could not be started: ${outcome.detail}.`,
        'Check that the path points at the tailscale executable, or clear it so the app looks in the usual places.',
      );
    case 'exited':
      return appError(
        'tailscale-cli-failed',
        `The Tailscale CLI failed to run ${what} (exit code ${outcome.code})` +
          (errorLine(outcome.stderr) ? `: ${errorLine(outcome.stderr)}` : '.'),
        'Run the same command in Terminal to see more.',
      );
  }
}

/** The first non-blank line of some output, cut to a length a message can carry. */
export function firstLine(text: string): string {
  return quotable(text.split('\n').find((line) => line.trim() !== '') ?? '');
}

/**
 * The CLI's error in its stderr: the last line, since the CLI prints its error as it exits, after any version-skew
 * warning (`Warning: client version …`).
 */
export function errorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Warning: '));
  return quotable(lines.at(-1) ?? '');
}

function quotable(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > QUOTE_CHARS ? `${trimmed.slice(0, QUOTE_CHARS)}…` : trimmed;
}
