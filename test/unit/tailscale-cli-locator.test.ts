// Finding the Tailscale CLI: fake executables in a temp dir stand at each candidate path, so the documented order
// (user path, Homebrew, /usr/local, login-shell PATH, the app bundle, ~/Applications) shows in which one wins; an
// error-3, hung or missing candidate is passed over, and reported when nothing usable is left.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  defaultCandidates,
  locateTailscaleCli,
  readLoginShellPath,
  type LocatorDeps,
} from '../../electron/main/services/tailscale/cli-locator';
import { createCliRunner } from '../../electron/main/services/tailscale/cli-runner';
import { installFakeTailscale } from '../fixtures/fake-tailscale';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const system = testSystem();
const BUNDLE_BINARY = 'Applications/Tailscale.app/Contents/MacOS/Tailscale';

/** A fake file system root with every candidate location, all empty until a test installs a CLI. */
function layout() {
  const root = makeTempDir('tailscale-locator-');
  const home = join(root, 'Users', 'alice');
  const paths = {
    homebrew: join(root, 'opt/homebrew/bin/tailscale'),
    usrLocal: join(root, 'usr/local/bin/tailscale'),
    loginDir: join(root, 'login/bin'),
    login: join(root, 'login/bin/tailscale'),
    bundle: join(root, BUNDLE_BINARY),
    homeBundle: join(home, BUNDLE_BINARY),
    user: join(root, 'chosen/tailscale'),
  };
  const loginShellPath = vi.fn(() => Promise.resolve([join(root, 'empty/bin'), paths.loginDir]));
  const deps = (extra: Partial<LocatorDeps> = {}): LocatorDeps => ({
    run: createCliRunner({ processes: system.processes, env: process.env, timeoutMs: 2_000 }),
    homeDir: home,
    files: system.files,
    candidates: { standard: [paths.homebrew, paths.usrLocal], bundles: [paths.bundle, paths.homeBundle] },
    loginShellPath,
    ...extra,
  });
  return { root, paths, deps, loginShellPath };
}

describe('locating the Tailscale CLI', () => {
  it('checks the documented places in order', async () => {
    const { paths, deps, loginShellPath } = layout();
    installFakeTailscale(paths.homeBundle, 'running', { variant: 'appstore' });
    expect(await locateTailscaleCli(deps())).toMatchObject({
      ok: true,
      value: { path: paths.homeBundle, source: 'app-bundle', variant: 'appstore' },
    });
    installFakeTailscale(paths.bundle, 'running', { variant: 'macsys' });
    expect(await locateTailscaleCli(deps())).toMatchObject({ ok: true, value: { path: paths.bundle } });
    installFakeTailscale(paths.login, 'running', { variant: 'darwin' });
    expect(await locateTailscaleCli(deps())).toMatchObject({
      ok: true,
      value: { path: paths.login, source: 'login-path' },
    });
    installFakeTailscale(paths.usrLocal, 'running', { variant: 'macsys' });
    expect(await locateTailscaleCli(deps())).toMatchObject({
      ok: true,
      value: { path: paths.usrLocal, source: 'standard' },
    });
    installFakeTailscale(paths.homebrew, 'running', { variant: 'darwin' });
    loginShellPath.mockClear();
    expect(await locateTailscaleCli(deps())).toEqual({
      ok: true,
      value: { path: paths.homebrew, source: 'standard', variant: 'darwin', version: '1.86.2-t1a2b3c4d5-g6e7f8a9b0' },
    });
    // Starting a login shell is slow; a CLI in a standard place makes it unnecessary.
    expect(loginShellPath).not.toHaveBeenCalled();
    installFakeTailscale(paths.user, 'running');
    expect(await locateTailscaleCli(deps({ userPath: paths.user }))).toMatchObject({
      ok: true,
      value: { path: paths.user, source: 'user' },
    });
  });

  it('passes over the GUI binary that answers with error 3 and takes the next usable CLI', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.homebrew, 'gui-error-3');
    installFakeTailscale(paths.bundle, 'running', { variant: 'macsys' });
    expect(await locateTailscaleCli(deps())).toMatchObject({ ok: true, value: { path: paths.bundle } });
  });

  it('rejects an error-3 CLI as unusable when it is the only one, naming it', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.bundle, 'gui-error-3');
    const result = await locateTailscaleCli(deps());
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-unusable' } });
    if (result.ok) return;
    expect(result.error.message).toContain(paths.bundle);
    expect(result.error.message).toContain('CLIError error 3');
  });

  it('names every unusable candidate it tried', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.homebrew, 'gui-error-3');
    installFakeTailscale(paths.bundle, 'gui-error-3');
    const result = await locateTailscaleCli(deps());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(paths.homebrew);
    expect(result.error.message).toContain(`Also unusable: ${paths.bundle}`);
  });

  it('stops a candidate that hangs and reports the timeout', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.usrLocal, 'slow');
    const result = await locateTailscaleCli(
      deps({ run: createCliRunner({ processes: system.processes, env: process.env, timeoutMs: 300 }) }),
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-timeout' } });
  });

  it('reports the user’s own path when it is unusable instead of quietly using another CLI', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.homebrew, 'running');
    installFakeTailscale(paths.user, 'gui-error-3');
    const result = await locateTailscaleCli(deps({ userPath: paths.user }));
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-cli-unusable' } });
    if (result.ok) return;
    expect(result.error.hint).toContain('clear the Tailscale CLI path');
    const missing = await locateTailscaleCli(deps({ userPath: join(paths.user, 'nope') }));
    expect(missing).toMatchObject({ ok: false, error: { kind: 'tailscale-not-installed' } });
  });

  it('says Tailscale is not installed when no candidate exists, and skips files that are not executable', async () => {
    const { paths, deps } = layout();
    mkdirSync(join(paths.homebrew, '..'), { recursive: true });
    writeFileSync(paths.homebrew, '#!/bin/sh\necho never run\n');
    chmodSync(paths.homebrew, 0o644);
    const result = await locateTailscaleCli(deps());
    expect(result).toMatchObject({ ok: false, error: { kind: 'tailscale-not-installed' } });
    if (result.ok) return;
    expect(result.error.message).toContain(paths.homebrew);
    expect(result.error.hint).toBe('Install Tailscale, or add a machine manually.');
  });

  it('keeps an install variant it does not know as written, and leaves it out when the CLI does not say', async () => {
    const { paths, deps } = layout();
    installFakeTailscale(paths.homebrew, 'running', { variant: 'tvOS-sideload' });
    expect(await locateTailscaleCli(deps())).toMatchObject({ ok: true, value: { variant: 'tvOS-sideload' } });
    installFakeTailscale(paths.homebrew, 'running', { variant: 'none' });
    const found = await locateTailscaleCli(deps());
    expect(found.ok && found.value.variant).toBeUndefined();
  });

  it('looks in /opt/homebrew, /usr/local, /Applications and ~/Applications by default', () => {
    expect(defaultCandidates('/Users/alice')).toEqual({
      standard: ['/opt/homebrew/bin/tailscale', '/usr/local/bin/tailscale'],
      bundles: [
        '/Applications/Tailscale.app/Contents/MacOS/Tailscale',
        '/Users/alice/Applications/Tailscale.app/Contents/MacOS/Tailscale',
      ],
    });
  });
});

describe('the login shell’s PATH', () => {
  /** A shell that prints a banner, sets its own PATH and runs the command it is given, recording its argv. */
  function fakeShell(dir: string, loginPath: string): { shell: string; argvFile: string } {
    const shell = join(dir, 'fake-zsh');
    const argvFile = join(dir, 'argv');
    writeFileSync(
      shell,
      [
        '#!/bin/sh',
        `printf '%s\\n' "$@" > '${argvFile}'`,
        'echo "Last login: Mon Aug 18 09:00:00 on ttys000 (PATH=/not/this)"',
        `PATH='${loginPath}'; export PATH`,
        'for last; do :; done',
        'exec /bin/sh -c "$last"',
        '',
      ].join('\n'),
    );
    chmodSync(shell, 0o755);
    return { shell, argvFile };
  }

  it('reads the PATH a login shell sets up, past what its profile prints', async () => {
    const { root, paths, deps } = layout();
    const { shell, argvFile } = fakeShell(root, `/usr/bin:/bin:${paths.loginDir}`);
    const run = createCliRunner({ processes: system.processes, env: process.env });
    expect(await readLoginShellPath(run, shell)).toEqual(['/usr/bin', '/bin', paths.loginDir]);
    // A fixed command in an argument array: nothing is built into a shell string.
    expect(readFileSync(argvFile, 'utf8').split('\n').slice(0, 2)).toEqual(['-l', '-c']);

    installFakeTailscale(paths.login, 'running');
    const found = await locateTailscaleCli(deps({ loginShellPath: () => readLoginShellPath(run, shell) }));
    expect(found).toMatchObject({ ok: true, value: { path: paths.login, source: 'login-path' } });
  });

  it('gives nothing when the shell fails or is missing', async () => {
    const { root } = layout();
    const failing = join(root, 'failing-shell');
    writeFileSync(failing, '#!/bin/sh\nexit 3\n');
    chmodSync(failing, 0o755);
    expect(
      await readLoginShellPath(createCliRunner({ processes: system.processes, env: process.env }), failing),
    ).toEqual([]);
    expect(
      await readLoginShellPath(
        createCliRunner({ processes: system.processes, env: process.env }),
        join(root, 'no-shell'),
      ),
    ).toEqual([]);
  });
});
