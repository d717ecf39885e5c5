// Our known_hosts handling against real OpenSSH: entries hashed by `ssh-keygen -H` are found, entries we write are
// found by `ssh-keygen -F` and accepted by `ssh`, fingerprints equal `ssh-keygen -lf`, and the host verifier guards
// real ssh2 connections to the private sshd (ask, remember, refuse, changed key).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../electron/shared/errors';
import { hostKeyFingerprint } from '../../electron/main/services/ssh/host-key';
import { createHostVerifier } from '../../electron/main/services/ssh/host-verifier';
import {
  appendKnownHostsEntry,
  checkHostKey,
  formatKnownHostsEntry,
} from '../../electron/main/services/ssh/known-hosts';
import type { HostTrustRequest, ResolvedSshConfig } from '../../electron/main/services/ssh/types';
import { onPath } from '../fixtures/executables';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { configFor } from '../fixtures/ssh-test-config';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const execFileAsync = promisify(execFile);

function missing(): string | undefined {
  const fromFixture = sshdMissing();
  if (fromFixture) return fromFixture;
  return onPath('ssh') ? undefined : 'ssh is not on PATH';
}

/** `ssh-keygen -lf` prints `256 SHA256:… comment (ED25519)`. */
async function keygenFingerprint(publicKeyPath: string): Promise<string> {
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', publicKeyPath]);
  return stdout.split(' ')[1] ?? '';
}

async function generateKey(path: string, type: string): Promise<Buffer> {
  await execFileAsync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'test', '-f', path]);
  return Buffer.from(readFileSync(`${path}.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
}

describe.skipIf(!peerAvailable('OpenSSH sshd', missing(), 'Install it with: apt-get install openssh-server'))(
  'known_hosts against real OpenSSH',
  () => {
    let dir: string;

    beforeEach(() => {
      dir = makeTempDir('openclaw-known-hosts-openssh-');
    });

    afterEach(() => removeTempDir(dir));

    it('finds entries that ssh-keygen -H hashed, for the host and for [host]:port', async () => {
      const key = await generateKey(join(dir, 'server'), 'ed25519');
      const other = await generateKey(join(dir, 'other'), 'ed25519');
      const file = join(dir, 'known_hosts');
      const base64 = key.toString('base64');
      writeFileSync(
        file,
        [
          `other.example ssh-ed25519 ${other.toString('base64')}`,
          `gateway.example ssh-ed25519 ${base64}`,
          `[gateway.example]:2222 ssh-ed25519 ${base64}`,
        ].join('\n') + '\n',
      );
      await execFileAsync('ssh-keygen', ['-H', '-f', file]);
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(3);
      expect(lines.every((line) => line.startsWith('|1|'))).toBe(true);

      const lookup = { files: [file], key, system: testSystem() };
      expect(await checkHostKey({ ...lookup, host: 'gateway.example', port: 22 })).toEqual({
        status: 'known',
        file,
        line: 2,
      });
      expect(await checkHostKey({ ...lookup, host: 'gateway.example', port: 2222 })).toEqual({
        status: 'known',
        file,
        line: 3,
      });
      expect(await checkHostKey({ ...lookup, host: 'gateway.example', port: 2223 })).toEqual({ status: 'unknown' });
      expect(await checkHostKey({ ...lookup, host: 'other.example', port: 22 })).toMatchObject({
        status: 'changed',
        line: 1,
      });
    });

    it('writes hashed entries that ssh-keygen -F finds, with the fingerprints ssh-keygen -lf prints', async () => {
      const file = join(dir, 'known_hosts');
      for (const type of ['ed25519', 'ecdsa', 'rsa']) {
        const key = await generateKey(join(dir, type), type);
        expect(hostKeyFingerprint(key)).toBe(await keygenFingerprint(join(dir, `${type}.pub`)));
        await appendKnownHostsEntry(
          testSystem().files,
          file,
          formatKnownHostsEntry({ host: '127.0.0.1', port: 2200, key, hashed: true }),
        );
      }
      const { stdout } = await execFileAsync('ssh-keygen', ['-F', '[127.0.0.1]:2200', '-f', file]);
      expect(stdout).toMatch(/found: line 1 /);
      expect(stdout).toMatch(/found: line 3 /);
      await expect(execFileAsync('ssh-keygen', ['-F', '[127.0.0.1]:2201', '-f', file])).rejects.toMatchObject({
        code: 1,
      });
    });

    describe('guarding ssh2 connections to a real sshd', () => {
      let sshd: Sshd;
      let hostFingerprint: string;

      beforeAll(async () => {
        sshd = await startSshd();
        hostFingerprint = await keygenFingerprint(`${sshd.hostKeyPath}.pub`);
      });

      afterAll(async () => {
        await sshd?.stop();
      });

      // Only the known_hosts settings matter: the verifier reads nothing else, and ssh2 is given the key itself.
      function config(knownHosts: string, overrides: Partial<ResolvedSshConfig> = {}): ResolvedSshConfig {
        return configFor(sshd, { userKnownHostsFiles: [knownHosts], strictHostKeyChecking: 'ask', ...overrides });
      }

      async function connect(
        cfg: ResolvedSshConfig,
        answer: boolean,
      ): Promise<{ ready: boolean; requests: HostTrustRequest[]; outcome: AppError | undefined; error?: Error }> {
        const requests: HostTrustRequest[] = [];
        const verifier = createHostVerifier({
          config: cfg,
          host: '127.0.0.1',
          port: sshd.port,
          prompts: {
            trustHostKey: async (request) => {
              requests.push(request);
              return answer;
            },
          },
          system: testSystem(),
          log: createTestLog().logger('ssh'),
        });
        const result = await new Promise<{ ready: boolean; error?: Error }>((resolve) => {
          const client = new Client();
          client
            .on('ready', () => {
              client.end();
              resolve({ ready: true });
            })
            .on('error', (error) => {
              client.end();
              resolve({ ready: false, error });
            })
            .connect({
              host: '127.0.0.1',
              port: sshd.port,
              username: sshd.user,
              privateKey: readFileSync(sshd.clientKeyPath),
              hostVerifier: verifier.hostVerifier,
              readyTimeout: 15_000,
            });
        });
        return { ...result, requests, outcome: verifier.outcome() };
      }

      async function realSsh(knownHosts: string): Promise<void> {
        await execFileAsync('ssh', [
          '-F',
          '/dev/null',
          '-o',
          `UserKnownHostsFile=${knownHosts}`,
          '-o',
          'GlobalKnownHostsFile=/dev/null',
          '-o',
          'StrictHostKeyChecking=yes',
          '-o',
          'BatchMode=yes',
          '-o',
          'IdentitiesOnly=yes',
          '-i',
          sshd.clientKeyPath,
          '-p',
          String(sshd.port),
          `${sshd.user}@127.0.0.1`,
          'true',
        ]);
      }

      it('asks about an unknown host, records it on approval, and is silent the next time', async () => {
        const knownHosts = join(dir, '.ssh', 'known_hosts');
        const cfg = config(knownHosts, { hashKnownHosts: true });
        const first = await connect(cfg, true);
        expect(first.ready).toBe(true);
        expect(first.requests).toEqual([
          {
            host: '127.0.0.1',
            port: sshd.port,
            keyType: 'ssh-ed25519',
            fingerprint: hostFingerprint,
            knownHostsFile: knownHosts,
          },
        ]);
        expect(readFileSync(knownHosts, 'utf8')).toMatch(/^\|1\|\S+ ssh-ed25519 \S+\n$/);

        const second = await connect(cfg, false);
        expect(second.ready).toBe(true);
        expect(second.requests).toEqual([]);

        // The entry we wrote satisfies OpenSSH itself, with no prompt allowed.
        await realSsh(knownHosts);
      });

      it('accepts a plain entry written under accept-new, for ssh too', async () => {
        const knownHosts = join(dir, 'known_hosts');
        const result = await connect(config(knownHosts, { strictHostKeyChecking: 'accept-new' }), false);
        expect(result.ready).toBe(true);
        expect(result.requests).toEqual([]);
        expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
        await realSsh(knownHosts);
      });

      it('does not connect when the person refuses the key', async () => {
        const knownHosts = join(dir, 'known_hosts');
        const result = await connect(config(knownHosts), false);
        expect(result.ready).toBe(false);
        expect(result.error?.message).toMatch(/verification failed/);
        expect(result.requests).toHaveLength(1);
        expect(result.outcome?.kind).toBe('host-key-refused');
      });

      it('refuses a changed host key, naming the file and line of the stored one', async () => {
        const knownHosts = join(dir, 'known_hosts');
        const impostor = await generateKey(join(dir, 'impostor'), 'ed25519');
        mkdirSync(dirname(knownHosts), { recursive: true });
        writeFileSync(
          knownHosts,
          `# first line\n[127.0.0.1]:${sshd.port} ssh-ed25519 ${impostor.toString('base64')}\n`,
        );
        const result = await connect(config(knownHosts, { strictHostKeyChecking: 'no' }), true);
        expect(result.ready).toBe(false);
        expect(result.requests).toEqual([]);
        expect(result.outcome?.kind).toBe('host-key-changed');
        expect(result.outcome?.message).toContain(`${knownHosts} line 2`);
        expect(result.outcome?.message).toContain(hostFingerprint);
        expect(result.outcome?.hint).toContain(`ssh-keygen -R '[127.0.0.1]:${sshd.port}' -f ${knownHosts}`);
        // OpenSSH agrees that this key is not the one on file.
        await expect(realSsh(knownHosts)).rejects.toMatchObject({ code: 255 });
      });
    });
  },
);
