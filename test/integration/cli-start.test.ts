// How `openclaw-remote` starts, run as a user runs it (the built CLI in a child process with a HOME of its own): Node's
// compile cache kept in the user's own cache folder, which only they may enter, and reused by the next start.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli-process';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

describe('openclaw-remote start-up', () => {
  const home = makeTempDir('ocr-cli-start-');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
  delete env.XDG_CACHE_HOME;
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  afterAll(() => removeTempDir(home));

  it('keeps the compiled CLI in an owner-only cache folder under ~/.cache, reused by the next start', async () => {
    const cacheDir = path.join(home, '.cache', 'openclaw-remote', 'compile-cache');
    const first = await runCli(['profiles', 'list', '--json'], { env });
    expect(first.code).toBe(0);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    // Node keeps one folder per Node version and architecture, holding one entry per compiled module.
    const [versionDir] = readdirSync(cacheDir);
    expect(versionDir).toBeDefined();
    const entries = () => readdirSync(path.join(cacheDir, versionDir!)).sort();
    const cached = entries();
    expect(cached.length).toBeGreaterThan(5);

    const second = await runCli(['profiles', 'list', '--json'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    // The same modules found compiled: nothing new was written beside them.
    expect(entries()).toEqual(cached);
  });
});
