// This Mac's openclaw.json as a file: read, parsed as JSON5 (comments, trailing commas), checked to hold an object,
// with what a rewrite must keep (its text for the backup, its mode, the real file behind a symlink). Errors name the
// file and the fix and never quote its content, which holds the token.
import { parseJson5Text } from '../files/json-text';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { isRecord } from '../gateway/host-openclaw-config';
import type { Files } from '../system/system';

export interface OpenclawConfigFile {
  /** The path the CLI names. */
  path: string;
  /** The file a rewrite replaces: `path` with symlinks followed, so a linked config stays linked. */
  realPath: string;
  /** The text as read, kept whole in the backup. */
  text: string;
  config: Record<string, unknown>;
  /** Permission bits, given to the rewritten file. */
  mode: number;
}

/** The parsed file, or undefined when there is none. */
export async function readOpenclawConfigFile(files: Files, path: string): Promise<OpenclawConfigFile | undefined> {
  let text: string;
  let mode: number;
  let realPath: string;
  try {
    realPath = await files.realpath(path);
    const info = await files.stat(realPath);
    if (!info.isFile()) throw new AppFailure(unreadable(path, 'it is not a file'));
    mode = info.mode & 0o777;
    text = await files.readFile(realPath, 'utf8');
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new AppFailure(
      unreadable(path, code === 'EACCES' || code === 'EPERM' ? 'the app may not read it' : `reading failed (${code})`),
    );
  }
  const config = parseJson5(text, path);
  if (!isRecord(config)) throw new AppFailure(configInvalid(path, 'it does not hold an object ({ … }) at the top'));
  return { path, realPath, text, config, mode };
}

/** A config that is JSON5 but breaks a rule of OpenClaw's schema that the app relies on. */
export function configInvalid(path: string, problem: string): AppError {
  return appError(
    'openclaw-config-invalid',
    `Your OpenClaw config ${path} is not valid: ${problem}.`,
    `Fix the file ("openclaw config validate" says what is wrong), or put back a backup such as ${path}.bak.`,
  );
}

/** A value's type for an error message: never the value, which may be a secret. */
export function describeType(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}

/** Whether JSON5 text has comments, which a rewrite as JSON cannot keep. Only called on text that parsed. */
export function holdsComments(text: string): boolean {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '/' && (text[index + 1] === '/' || text[index + 1] === '*')) {
      return true;
    }
  }
  return false;
}

function parseJson5(text: string, path: string): unknown {
  const parsed = parseJson5Text(text);
  if (parsed.ok) return parsed.value;
  throw new AppFailure(
    appError(
      'openclaw-config-invalid',
      `Your OpenClaw config ${path} is not valid JSON5: it breaks at ${parsed.where}.`,
      `Fix the file there ("openclaw config validate" says what is wrong), or put back a backup such as ${path}.bak.`,
    ),
  );
}

function unreadable(path: string, why: string): AppError {
  return appError(
    'openclaw-config-unreadable',
    `Could not read your OpenClaw config ${path}: ${why}.`,
    `Check the file and its permissions with "ls -l ${path}".`,
  );
}
