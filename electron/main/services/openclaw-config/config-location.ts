// Which file the OpenClaw CLI on this Mac takes its config from, found the way the CLI finds it (openclaw@2026.9.6,
// dist/paths-*.mjs resolveConfigPathCandidate): OPENCLAW_CONFIG_PATH alone when set, else the first existing
// candidate, else the file the CLI would create. Environment and home are injected, so tests never see the real ~.
import path from 'node:path';
import type { Files } from '../system/system';

export type ConfigEnvironment = Readonly<Record<string, string | undefined>>;

export interface OpenclawConfigLocation {
  path: string;
  /** False when no candidate exists yet: `path` is then where the CLI (and the app) would create it. */
  exists: boolean;
}

const CONFIG_NAMES = ['openclaw.json', 'clawdbot.json'];

/** `homeDir` is the user's home as os.homedir() gives it ($HOME); OPENCLAW_HOME in `env` moves it, as in the CLI. */
export async function locateOpenclawConfig(
  files: Files,
  env: ConfigEnvironment,
  homeDir: string,
): Promise<OpenclawConfigLocation> {
  const openclawHome = envValue(env.OPENCLAW_HOME);
  const home = openclawHome ? resolveUserPath(openclawHome, homeDir, homeDir) : homeDir;
  const explicit = envValue(env.OPENCLAW_CONFIG_PATH);
  if (explicit) {
    const file = resolveUserPath(explicit, home, homeDir);
    return { path: file, exists: await exists(files, file) };
  }
  const stateDir = envValue(env.OPENCLAW_STATE_DIR);
  const stateDirs = [
    ...(stateDir ? [resolveUserPath(stateDir, home, homeDir)] : []),
    path.join(home, '.openclaw'),
    // The legacy name from before the rename; the CLI still reads it.
    path.join(home, '.clawdbot'),
  ];
  for (const dir of stateDirs) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      if (await exists(files, file)) return { path: file, exists: true };
    }
  }
  // The first state dir is OPENCLAW_STATE_DIR when set, else ~/.openclaw: where the CLI writes a new config.
  return { path: path.join(stateDirs[0]!, 'openclaw.json'), exists: false };
}

/** The CLI takes a variable that is blank after trimming, or the words a broken script leaves, as unset. */
function envValue(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed !== 'undefined' && trimmed !== 'null' ? trimmed : undefined;
}

/**
 * `~` is the OpenClaw home, except in OPENCLAW_HOME itself, where it is the OS home. The CLI resolves a relative
 * path against its working directory; an app started from the Dock has `/` there, so the home is the better guess.
 */
function resolveUserPath(input: string, home: string, osHome: string): string {
  const expanded = input === '~' ? home : input.startsWith('~/') ? path.join(home, input.slice(2)) : input;
  return path.resolve(osHome, expanded);
}

/** Existence alone, as the CLI checks it: a directory in the way is then reported when the file is read. */
async function exists(files: Files, file: string): Promise<boolean> {
  try {
    await files.stat(file);
    return true;
  } catch {
    return false;
  }
}
