// Reliability: `openclaw-remote profiles add` killed with SIGKILL at random points, 20 times, half anywhere in its run
// and half in the moments after it starts writing to the data directory. After every kill `profiles list --json`
// still lists every profile saved before (with its token), settings.json and the secrets file parse, nothing was set
// aside as damaged, and no token is left that no profile owns, not even in a copy a killed write left behind.
import { readdirSync, readFileSync, utimesSync, watch } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profileTokenSecret } from '../../electron/main/services/profiles/profile-secrets';
import { PLAIN_SECRETS_FILE } from '../../electron/main/services/secrets/plain-secret-store';
import { runCli, startCli } from '../fixtures/cli-process';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const KILLS = 20;
/** After the first change in the data directory, a kill lands within this (the writes themselves take a few ms). */
const WRITE_WINDOW_MS = 60;
const CLI_BOUND_MS = 90_000;

describe('reliability: settings and secrets written while the process is killed', () => {
  const home = makeTempDir('reliability-kills-');
  const dataDir = path.join(home, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  delete env.OPENCLAW_GATEWAY_TOKEN;

  afterAll(() => removeTempDir(home));

  const addArgs = (name: string) => ['profiles', 'add', name, '--url', 'ws://127.0.0.1:1', '--token-stdin'];
  const tokenOf = (name: string) => `token-of-${name}`;

  /** What the CLI lists, and what the files hold, checked to parse. */
  async function saved(): Promise<{ profiles: Map<string, string>; secrets: Record<string, string> }> {
    // A copy of the secrets file that a write killed before its rename left behind is removed by the next start once
    // it is stale (a younger one may be another process's write under way): make any such copy look a while old.
    const leftovers = () => readdirSync(dataDir).filter((name) => /^\.secrets\..*\.tmp$/u.test(name));
    const aWhileAgo = (Date.now() - 10 * 60_000) / 1000;
    for (const name of leftovers()) utimesSync(path.join(dataDir, name), aWhileAgo, aWhileAgo);
    const listed = await runCli(['profiles', 'list', '--json'], { env, timeoutMs: CLI_BOUND_MS });
    expect(listed.code, listed.stderr).toBe(0);
    const { profiles } = JSON.parse(listed.stdout) as { profiles: { id: string; name: string }[] };
    expect(() => JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as unknown).not.toThrow();
    const secrets = JSON.parse(readFileSync(path.join(dataDir, PLAIN_SECRETS_FILE), 'utf8')) as Record<string, string>;
    expect(readdirSync(dataDir).filter((name) => name.includes('.broken-'))).toEqual([]);
    expect(leftovers(), 'copies of the secrets file left behind').toEqual([]);
    return { profiles: new Map(profiles.map((profile) => [profile.name, profile.id])), secrets };
  }

  /** Runs `profiles add` and kills it `delayMs` after it starts, or `delayMs` after it first writes to the data dir. */
  async function addKilled(
    name: string,
    from: 'start' | 'first-write',
    delayMs: number,
  ): Promise<'killed' | 'finished'> {
    const cli = startCli(addArgs(name), { env, input: `${tokenOf(name)}\n` });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => (timer = setTimeout(() => cli.process.kill('SIGKILL'), delayMs));
    const watcher = from === 'first-write' ? watch(dataDir, { persistent: false }) : undefined;
    if (watcher) watcher.once('change', kill);
    else kill();
    await Promise.race([cli.exited(), new Promise((resolve) => setTimeout(resolve, CLI_BOUND_MS))]);
    watcher?.close();
    clearTimeout(timer);
    if (cli.process.signalCode === 'SIGKILL') return 'killed';
    expect(cli.process.exitCode, `profiles add ${name} did not finish:\n${cli.stderr()}`).toBe(0);
    return 'finished';
  }

  it(`never loses a saved profile nor leaves a token without one across ${KILLS} SIGKILLs of profiles add`, async () => {
    // Profiles saved before any kill, and how long one whole run takes here (to draw kill times from).
    const started = performance.now();
    for (const name of ['Before-1', 'Before-2']) {
      const added = await runCli(addArgs(name), { env, input: `${tokenOf(name)}\n`, timeoutMs: CLI_BOUND_MS });
      expect(added.code, added.stderr).toBe(0);
    }
    const runMs = (performance.now() - started) / 2;
    /** Every profile seen saved so far; a kill may never take one away, nor its token once it had one. */
    const kept = new Map<string, { id: string; hasToken: boolean }>();
    const remember = (profiles: Map<string, string>, secrets: Record<string, string>) => {
      for (const [name, id] of profiles) {
        const hasToken = secrets[profileTokenSecret(id)] === tokenOf(name);
        kept.set(name, { id, hasToken: hasToken || (kept.get(name)?.hasToken ?? false) });
      }
    };
    const first = await saved();
    remember(first.profiles, first.secrets);

    for (let kill = 1; kill <= KILLS; kill++) {
      const name = `Killed-${kill}`;
      const outcome =
        kill % 2 === 1
          ? await addKilled(name, 'start', Math.random() * runMs)
          : await addKilled(name, 'first-write', Math.random() * WRITE_WINDOW_MS);
      const { profiles, secrets } = await saved();
      for (const [keptName, { id, hasToken }] of kept) {
        expect(profiles.get(keptName), `${keptName} lost after kill ${kill}`).toBe(id);
        if (hasToken)
          expect(secrets[profileTokenSecret(id)], `${keptName}'s token lost after kill ${kill}`).toBe(
            tokenOf(keptName),
          );
      }
      const ids = new Set(profiles.values());
      const orphans = Object.keys(secrets).filter(
        (secret) => ![...ids].some((id) => secret === profileTokenSecret(id)),
      );
      expect(orphans, `tokens without a profile after kill ${kill}`).toEqual([]);
      if (outcome === 'finished') expect(profiles.has(name)).toBe(true);
      remember(profiles, secrets);
    }
  }, 600_000);
});
