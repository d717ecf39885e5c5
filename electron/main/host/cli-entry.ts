// What `openclaw-remote` starts (out/main/cli.js): turns on Node's module compile cache before the CLI and its
// dependencies load, so every start after the first skips parsing and compiling them, then runs the CLI (./cli).
// It imports nothing else: whatever loads before the cache is on is compiled afresh on every start.
import { mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The user's own cache folder, created for them alone: a cache in a folder others can write to would let them plant
 * compiled code that this process then runs. NODE_COMPILE_CACHE, when set, is the person's choice and wins.
 */
function compileCacheDir(): string | undefined {
  if (process.env.NODE_COMPILE_CACHE) return undefined;
  const dir =
    process.platform === 'darwin'
      ? path.join(homedir(), 'Library', 'Caches', 'OpenClaw Remote', 'compile-cache')
      : path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'openclaw-remote', 'compile-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

try {
  enableCompileCache(compileCacheDir());
} catch {
  // No cache folder (a read-only home): the CLI works the same, only its start is not made faster.
}
await import('./cli');
