// A new Ed25519 key as "Generate a new Ed25519 key" writes it: where OpenSSH looks, never over a key that is there,
// private 0600 and .pub 0644 in a ~/.ssh of 0700, encrypted with the passphrase given, made without any subprocess
// (a passphrase on a command line would show in ps); and what inspectKey reads agrees with OpenSSH's own ssh-keygen.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEd25519Key, inspectKey } from '../../electron/main/services/ssh/ssh-key';
import { onPath } from '../fixtures/executables';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) removeTempDir(home);
});

/** A System whose subprocesses fail the test: key generation must not start one. */
const system = testSystem({
  processes: {
    execFile: () => {
      throw new Error('key generation ran a subprocess');
    },
  },
});

function newHome(): string {
  const home = makeTempDir('ocr-ssh-key-');
  homes.push(home);
  return home;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(!onPath('ssh-keygen'))('generateEd25519Key', () => {
  it('writes ~/.ssh/id_ed25519 (0600) and its .pub (0644) in a new ~/.ssh (0700), readable by ssh-keygen', async () => {
    const home = newHome();
    const file = await generateEd25519Key({ home, hostName: 'studio', comment: 'me@mac (OpenClaw Remote)' }, system);
    expect(file).toBe(path.join(home, '.ssh', 'id_ed25519'));
    expect(mode(path.join(home, '.ssh'))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}.pub`)).toBe(0o644);
    // OpenSSH derives the same public key from the private one, so it can sign in with it.
    const derived = execFileSync('ssh-keygen', ['-y', '-P', '', '-f', file], { encoding: 'utf8' }).split(' ');
    const written = readFileSync(`${file}.pub`, 'utf8').split(' ');
    expect(derived.slice(0, 2)).toEqual(written.slice(0, 2));
    expect(readFileSync(`${file}.pub`, 'utf8')).toMatch(/^ssh-ed25519 \S+ me@mac \(OpenClaw Remote\)\n$/);

    const key = await inspectKey(file, 'profile', { system, home });
    const [bits, fingerprint] = execFileSync('ssh-keygen', ['-l', '-f', `${file}.pub`], { encoding: 'utf8' }).split(
      ' ',
    );
    expect(key).toMatchObject({
      path: '~/.ssh/id_ed25519',
      type: 'ssh-ed25519',
      bits: Number(bits),
      fingerprint,
      encrypted: false,
      ageDays: 0,
      rotationDue: false,
    });
  });

  it('never replaces a key there: the next one is named for the host', async () => {
    const home = newHome();
    mkdirSync(path.join(home, '.ssh'), { mode: 0o755 });
    writeFileSync(path.join(home, '.ssh', 'id_ed25519'), 'mine', { mode: 0o600 });
    const file = await generateEd25519Key({ home, hostName: 'studio.example', comment: 'c' }, system);
    expect(file).toBe(path.join(home, '.ssh', 'id_ed25519_openclaw_studio.example'));
    expect(readFileSync(path.join(home, '.ssh', 'id_ed25519'), 'utf8')).toBe('mine');
    // An existing ~/.ssh is left as its owner set it.
    expect(mode(path.join(home, '.ssh'))).toBe(0o755);
    const again = await generateEd25519Key({ home, hostName: 'studio.example', comment: 'c' }, system);
    expect(again).toBe(path.join(home, '.ssh', 'id_ed25519_openclaw_studio.example_2'));
  });

  it('encrypts the key with the passphrase, which OpenSSH then needs', async () => {
    const home = newHome();
    const passphrase = 'correct horse battery staple';
    const file = await generateEd25519Key({ home, hostName: 'h', comment: 'c', passphrase }, system);
    expect(readFileSync(file, 'utf8')).not.toContain(passphrase);
    expect(() => execFileSync('ssh-keygen', ['-y', '-P', '', '-f', file], { stdio: 'pipe' })).toThrow();
    expect(execFileSync('ssh-keygen', ['-y', '-P', passphrase, '-f', file], { encoding: 'utf8' })).toMatch(
      /^ssh-ed25519 /,
    );
    // Read without the passphrase: its type and fingerprint come from the file, and it says it is protected.
    const key = await inspectKey(file, 'profile', { system, home });
    expect(key.encrypted).toBe(true);
    expect(key.type).toBe('ssh-ed25519');
  });

  it('reminds past 90 days, from the file’s age', async () => {
    const home = newHome();
    const file = await generateEd25519Key({ home, hostName: 'h', comment: 'c' }, system);
    const old = (Date.now() - 91 * 24 * 60 * 60 * 1000) / 1000;
    utimesSync(file, old, old);
    const key = await inspectKey(file, 'default', { system, home });
    expect(key.ageDays).toBe(91);
    expect(key.rotationDue).toBe(true);
  });
});

describe.skipIf(!onPath('ssh-keygen'))('inspectKey of an RSA key', () => {
  it('reads its size as ssh-keygen -l does', async () => {
    const home = newHome();
    const file = path.join(home, 'id_rsa');
    execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-N', '', '-f', file]);
    const key = await inspectKey(file, 'default', { system, home });
    const [bits, fingerprint] = execFileSync('ssh-keygen', ['-l', '-f', file], { encoding: 'utf8' }).split(' ');
    expect(key).toMatchObject({ type: 'ssh-rsa', bits: Number(bits), fingerprint, path: '~/id_rsa' });
  });
});
