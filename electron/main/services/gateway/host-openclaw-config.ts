// The OpenClaw config on a host, as the Gateway would load it: which file (the candidates in the Gateway's order),
// read through HostAccess, parsed as JSON5, with `$include` followed and deep-merged. It yields a plain object and
// says nothing about what the object means; the errors name the file and the fix.
import { posix } from 'node:path';
import { parseJson5Text } from '../files/json-text';
import { appError, type AppError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { envValue, type HostAccess, type HostEnvironment } from './host-access';

/** The Gateway reads includes up to 2 MiB; the main file has no limit there, but a real one is a few KiB. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
const MAX_INCLUDE_DEPTH = 10;

/** The parts of the config a reader uses: `true` takes a value whole, an object takes only the keys it names. */
export type ConfigSelection = true | { readonly [key: string]: ConfigSelection };

export interface HostOpenclawConfig {
  /** The parsed config with its includes applied, holding only the selected parts. */
  config: unknown;
  /** The file it came from, as a path on the host. */
  path: string;
}

/**
 * The config of the first candidate file that exists. Only the `wanted` parts are kept, so includes elsewhere
 * (agents, channels, …) are never read. `env` is undefined when the host would not tell its login environment.
 */
export async function readHostOpenclawConfig(
  host: HostAccess,
  env: HostEnvironment | undefined,
  wanted: ConfigSelection,
): Promise<HostOpenclawConfig> {
  const candidates = configCandidates(env ?? {});
  for (const path of candidates) {
    const bytes = await readConfigFile(host, path);
    if (bytes === undefined) continue;
    return { config: await expandIncludes(parseConfig(bytes, path), wanted, path, [path], host), path };
  }
  throw new AppFailure(configMissing(candidates, env !== undefined));
}

/** A config that parses but breaks one of the Gateway's rules, found here ($include) or where it is interpreted. */
export function configInvalid(configPath: string, problem: string): AppError {
  return appError(
    'openclaw-config-invalid',
    `The OpenClaw config ${configPath} on the host is not valid: ${problem}.`,
    'Fix the file on the host; "openclaw config validate" there says what is wrong.',
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Where the config is -------------------------------------------------------------------------------------

/**
 * The files the Gateway would take its config from, in its order (dist/paths-*.mjs,
 * resolveDefaultConfigCandidates): OPENCLAW_CONFIG_PATH alone when set; else $OPENCLAW_STATE_DIR, then
 * ~/.openclaw, then the legacy ~/.clawdbot, each with the legacy file name clawdbot.json after openclaw.json.
 * The first that exists wins. Home is OPENCLAW_HOME, else HOME; unknown, it stays `~` for SFTP to resolve.
 */
export function configCandidates(env: HostEnvironment): string[] {
  const osHome = homeValue(env.HOME);
  const openclawHome = homeValue(env.OPENCLAW_HOME);
  const home = openclawHome ? expandTilde(openclawHome, osHome ?? '~') : (osHome ?? '~');
  const resolve = (input: string) => {
    const expanded = expandTilde(input, home);
    // The Gateway resolves a relative path against its working directory; an SSH session starts in the home.
    return expanded.startsWith('/') || expanded.startsWith('~')
      ? posix.normalize(expanded)
      : posix.join(home, expanded);
  };
  const explicit = envValue(env.OPENCLAW_CONFIG_PATH);
  if (explicit) return [resolve(explicit)];
  const stateDir = envValue(env.OPENCLAW_STATE_DIR);
  const dirs = [...(stateDir ? [resolve(stateDir)] : []), posix.join(home, '.openclaw'), posix.join(home, '.clawdbot')];
  return dirs.flatMap((dir) => [posix.join(dir, 'openclaw.json'), posix.join(dir, 'clawdbot.json')]);
}

/** A home variable as the Gateway reads it, where the words a broken script leaves behind count as unset too. */
function homeValue(value: string | undefined): string | undefined {
  const home = envValue(value);
  return home === 'undefined' || home === 'null' ? undefined : home;
}

function expandTilde(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? posix.join(home, path.slice(2)) : path;
}

function configMissing(candidates: string[], envKnown: boolean): AppError {
  // The legacy clawdbot names are looked for too, but naming them all would bury the two that matter.
  const main = candidates.filter((path) => path.endsWith('/openclaw.json') && !path.includes('/.clawdbot/'));
  const looked = main.length > 1 ? `neither ${main.join(' nor ')} exists` : `${candidates[0] ?? '?'} does not exist`;
  const envNote = envKnown
    ? ''
    : ' The app could not read your login environment on the host, so it did not look where OPENCLAW_STATE_DIR ' +
      'or OPENCLAW_CONFIG_PATH might point.';
  return appError(
    'openclaw-config-missing',
    `There is no OpenClaw config on the host: ${looked}.${envNote}`,
    'On the host, run "openclaw config file" to see which file the Gateway uses; if it has none yet, run ' +
      '"openclaw doctor --fix --generate-gateway-token" to create one with a token, and restart the Gateway.',
  );
}

// --- Reading and parsing -------------------------------------------------------------------------------------

async function readConfigFile(host: HostAccess, path: string): Promise<Buffer | undefined> {
  try {
    return await host.readFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    const hint = 'Log in as the user who runs the Gateway, or check the file on the host with "ls -l".';
    switch (error.error.kind) {
      case 'remote-permission-denied':
        throw new AppFailure(
          appError(
            'openclaw-config-unreadable',
            `The OpenClaw config ${path} exists on the host, but this SSH user may not read it.`,
            hint,
          ),
        );
      case 'remote-not-a-file':
      case 'remote-read-failed':
        throw new AppFailure(
          appError(
            'openclaw-config-unreadable',
            `Could not read the OpenClaw config ${path}: ${error.error.message}`,
            hint,
          ),
        );
      case 'remote-file-too-large':
        throw new AppFailure(
          appError(
            'openclaw-config-too-large',
            `The OpenClaw config ${path} on the host is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, far ` +
              'larger than a real one, so the app did not read it.',
            'Check the file on the host; "openclaw config file" shows which file the Gateway really uses.',
          ),
        );
      default:
        throw error;
    }
  }
}

function parseConfig(bytes: Buffer, path: string): unknown {
  const parsed = parseJson5Text(bytes.toString('utf8'));
  if (parsed.ok) return parsed.value;
  throw new AppFailure(
    appError(
      'openclaw-config-invalid',
      `The OpenClaw config ${path} on the host is not valid JSON5: it breaks at ${parsed.where}.`,
      'Fix the file on the host; "openclaw config validate" there says what is wrong.',
    ),
  );
}

// --- $include ------------------------------------------------------------------------------------------------

/**
 * Applies `$include` as the Gateway does (dist/includes-*.mjs): a single file replaces the object that names it,
 * several are deep-merged in order, sibling keys are merged over the result, paths are relative to the including
 * file, at most 10 levels deep. Only the wanted parts are kept, so unrelated includes are never read.
 */
async function expandIncludes(
  value: unknown,
  wanted: ConfigSelection,
  file: string,
  chain: readonly string[],
  host: HostAccess,
): Promise<unknown> {
  if (Array.isArray(value)) {
    return wanted === true ? Promise.all(value.map((item) => expandIncludes(item, true, file, chain, host))) : value;
  }
  if (!isRecord(value)) return value;
  const own: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childWanted = wanted === true ? true : wanted[key];
    if (key !== '$include' && childWanted !== undefined) {
      own[key] = await expandIncludes(child, childWanted, file, chain, host);
    }
  }
  if (!('$include' in value)) return own;
  const included = await loadIncludes(value.$include, wanted, file, chain, host);
  if (Object.keys(value).length === 1) return included;
  if (!isRecord(included)) {
    throw new AppFailure(
      configInvalid(file, 'an $include with sibling keys names a file that does not hold an object'),
    );
  }
  return deepMerge(included, own);
}

async function loadIncludes(
  include: unknown,
  wanted: ConfigSelection,
  file: string,
  chain: readonly string[],
  host: HostAccess,
): Promise<unknown> {
  const paths = typeof include === 'string' ? [include] : include;
  if (!Array.isArray(paths) || !paths.every((path): path is string => typeof path === 'string')) {
    throw new AppFailure(configInvalid(file, '$include must be a path or a list of paths'));
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    throw new AppFailure(configInvalid(file, `$include is nested more than ${MAX_INCLUDE_DEPTH} levels deep`));
  }
  let merged: unknown = {};
  for (const path of paths) {
    const target = path.startsWith('/') ? posix.normalize(path) : posix.join(posix.dirname(file), path);
    if (chain.includes(target)) throw new AppFailure(configInvalid(file, `$include loops back to ${target}`));
    const bytes = await readConfigFile(host, target);
    if (bytes === undefined) throw new AppFailure(configInvalid(file, `it includes ${target}, which does not exist`));
    const value = await expandIncludes(parseConfig(bytes, target), wanted, target, [...chain, target], host);
    // deepMerge({}, x) is x itself for anything but an object, so one file and a list of files take one path.
    merged = deepMerge(merged, value);
  }
  return merged;
}

/** The Gateway's include merge: objects merge key by key, arrays concatenate, anything else is replaced. */
function deepMerge(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source)) return [...(target as unknown[]), ...(source as unknown[])];
  if (!isRecord(target) || !isRecord(source)) return source;
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    result[key] = key in result ? deepMerge(result[key], value) : value;
  }
  return result;
}
