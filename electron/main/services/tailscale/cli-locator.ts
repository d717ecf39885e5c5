// Finding a Tailscale CLI this app can run, in the order the reference recommends: the path the user set, the
// Homebrew and /usr/local installs, the login shell's PATH (an app started from Finder gets only /usr/bin:/bin:…),
// then the Tailscale app's own binary. A candidate counts only once it answers `version --json` with JSON.
import { join } from 'node:path';
import { z } from 'zod';
import { appError, failure, success, type AppError, type Result } from '../../../shared/errors';
import type { Files } from '../system/system';
import { cliFailure, extractJsonObject, unusableAnswer, type RunCli } from './cli-runner';

export type CliSource = 'user' | 'standard' | 'login-path' | 'app-bundle';

/** `osVariant` as `version --json` gives it; another value is kept as the CLI wrote it. */
export type CliVariant = 'appstore' | 'macsys' | 'darwin' | (string & {});

export interface TailscaleCli {
  path: string;
  source: CliSource;
  /** The install variant; absent when the CLI does not say (builds for other systems). */
  variant?: CliVariant;
  /** The CLI's long version, e.g. `1.86.2-t1a2b3c4d5-g6e7f8a9b0`. */
  version: string;
}

export interface CandidatePaths {
  /** Checked before the login shell's PATH. */
  standard: readonly string[];
  /** The app binary, checked last: it is the one that can refuse (error 3) or hang. */
  bundles: readonly string[];
}

export interface LocatorDeps {
  run: RunCli;
  /** The path the user set in the app's settings, if any. */
  userPath?: string;
  /** Default: `defaultCandidates(homeDir)`. */
  candidates?: CandidatePaths;
  homeDir: string;
  /** The directories of the login shell's PATH, in order. */
  loginShellPath: () => Promise<readonly string[]>;
  /** Where the candidates are looked at. */
  files: Files;
}

interface Problem {
  path: string;
  error: AppError;
}

export function defaultCandidates(homeDir: string): CandidatePaths {
  const bundleBinary = join('Applications', 'Tailscale.app', 'Contents', 'MacOS', 'Tailscale');
  return {
    standard: ['/opt/homebrew/bin/tailscale', '/usr/local/bin/tailscale'],
    bundles: [join('/', bundleBinary), join(homeDir, bundleBinary)],
  };
}

export async function locateTailscaleCli(deps: LocatorDeps): Promise<Result<TailscaleCli>> {
  if (deps.userPath) {
    const found = await validate(deps.userPath, 'user', deps.run);
    if (found.ok) return found;
    const { kind, message, hint } = found.error;
    return failure(
      appError(
        kind,
        message,
        `${hint ?? ''} Or clear the Tailscale CLI path in settings to let the app search.`.trim(),
      ),
    );
  }
  const candidates = deps.candidates ?? defaultCandidates(deps.homeDir);
  const tried = new Set<string>();
  const problems: Problem[] = [];
  const attempt = async (path: string, source: CliSource): Promise<Result<TailscaleCli> | undefined> => {
    if (tried.has(path)) return undefined;
    tried.add(path);
    if (!(await isExecutableFile(deps.files, path))) return undefined;
    const found = await validate(path, source, deps.run);
    if (found.ok) return found;
    problems.push({ path, error: found.error });
    return undefined;
  };
  for (const path of candidates.standard) {
    const found = await attempt(path, 'standard');
    if (found) return found;
  }
  for (const dir of await deps.loginShellPath()) {
    const found = await attempt(join(dir, 'tailscale'), 'login-path');
    if (found) return found;
  }
  for (const path of candidates.bundles) {
    const found = await attempt(path, 'app-bundle');
    if (found) return found;
  }
  const [first, ...others] = problems;
  return failure(first ? noneUsable(first, others) : notInstalled(candidates));
}

const versionSchema = z.object({
  long: z.string().optional(),
  short: z.string(),
  osVariant: z.string().optional(),
});

/** `version --json` never touches the daemon, so it tells whether the binary works, not whether Tailscale runs. */
async function validate(path: string, source: CliSource, run: RunCli): Promise<Result<TailscaleCli>> {
  const command = 'version --json';
  const outcome = await run(path, ['version', '--json']);
  if (outcome.kind !== 'exited' || outcome.code !== 0) return failure(cliFailure(path, command, outcome));
  const parsed = versionSchema.safeParse(extractJsonObject(outcome.stdout));
  if (!parsed.success) return failure(unusableAnswer(path, command, outcome.stdout));
  const { long, short, osVariant } = parsed.data;
  const cli: TailscaleCli = { path, source, version: long ?? short };
  return success(osVariant ? { ...cli, variant: osVariant } : cli);
}

/** The most preferred candidate's problem says most; the others are named so that none is a mystery. */
function noneUsable(first: Problem, others: Problem[]): AppError {
  if (others.length === 0) return first.error;
  const also = others.map(({ path }) => path).join(', ');
  return { ...first.error, message: `${first.error.message} (Also unusable: ${also}.)` };
}

function notInstalled(candidates: CandidatePaths): AppError {
  const places = [...candidates.standard, "the login shell's PATH", ...candidates.bundles].join(', ');
  return appError(
    'tailscale-not-installed',
    `Tailscale CLI not found (looked at ${places}).`,
    'Install Tailscale, or add a machine manually.',
  );
}

async function isExecutableFile(files: Files, path: string): Promise<boolean> {
  try {
    await files.access(path, files.constants.X_OK);
    return (await files.stat(path)).isFile();
  } catch {
    return false;
  }
}

const PATH_MARKER = '__OPENCLAW_REMOTE_PATH__=';

/**
 * The PATH a login shell sets up (where Homebrew's `shellenv` and MacPorts put themselves), read from a marked line
 * so that whatever the profile scripts print around it does not matter. Empty when the shell cannot tell.
 */
export async function readLoginShellPath(run: RunCli, shell: string): Promise<readonly string[]> {
  // A constant command string: nothing from outside reaches the shell.
  const outcome = await run(shell, ['-l', '-c', `printf '%s\\n' "${PATH_MARKER}$PATH"`]);
  if (outcome.kind !== 'exited' || outcome.code !== 0) return [];
  const line = outcome.stdout.split('\n').find((candidate) => candidate.startsWith(PATH_MARKER));
  if (!line) return [];
  return line
    .slice(PATH_MARKER.length)
    .split(':')
    .filter((dir) => dir.startsWith('/'));
}
