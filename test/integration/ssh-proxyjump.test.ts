// ProxyJump through a second private sshd: the destination is reached through the jump host's forwarding, each
// hop's host key is checked on its own, and the hops live and die with the final connection.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkStep } from '../../electron/shared/link-state';
import { openSshConnection, type OpenSshConnectionOptions } from '../../electron/main/services/ssh/connect';
import { runRemoteCommand } from '../../electron/main/services/ssh/remote';
import type { ResolvedSshConfig } from '../../electron/main/services/ssh/types';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { configFor, connectFailureOf, pinnedHostVerifierByPort } from '../fixtures/ssh-test-config';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const execFileAsync = promisify(execFile);

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'SSH through ProxyJump',
  () => {
    let dir: string;
    let key: string;
    let jump: Sshd;
    let destination: Sshd;

    beforeAll(async () => {
      dir = makeTempDir('openclaw-ssh-jump-');
      key = join(dir, 'id_ed25519');
      await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      const publicKey = readFileSync(`${key}.pub`, 'utf8').trim();
      // DEBUG1 makes the jump host log each forwarding it opens, which proves the path the connection took.
      [jump, destination] = await Promise.all([
        startSshd({ authorizedKeys: [publicKey], extraConfig: ['LogLevel DEBUG1'] }),
        startSshd({ authorizedKeys: [publicKey] }),
      ]);
    });

    afterAll(async () => {
      await Promise.all([jump?.stop(), destination?.stop()]);
      if (dir) removeTempDir(dir);
    });

    const configOf = (sshd: Sshd, overrides: Partial<ResolvedSshConfig> = {}): ResolvedSshConfig =>
      configFor(sshd, { identityFiles: [key], identitiesOnly: true, ...overrides });

    function connectThroughJump(
      hops: string[],
      options: Partial<OpenSshConnectionOptions> & { hostKeys?: Record<number, string> } = {},
    ): Promise<Client> {
      const hostKeys = options.hostKeys ?? {
        [jump.port]: jump.hostPublicKey,
        [destination.port]: destination.hostPublicKey,
      };
      return openSshConnection({
        config: configOf(destination, { proxyJump: hops }),
        resolveHop: async (target) => {
          if (target !== 'jumphost') throw new Error(`unexpected hop ${target}`);
          return configOf(jump);
        },
        makeHostVerifier: pinnedHostVerifierByPort(hostKeys),
        prompts: { passphrase: async () => undefined },
        passphrases: new Map(),
        allowPassword: false,
        system: testSystem(),
        log: createTestLog().logger('ssh'),
        ...options,
      });
    }

    it('reaches the destination through the jump host, reporting each hop', async () => {
      const steps: LinkStep[] = [];
      const forwardsBefore = forwardsTo(jump, destination.port);
      const client = await connectThroughJump(['jumphost'], { onStep: (step) => steps.push(step) });
      try {
        const result = await runRemoteCommand(client, ['sh', '-c', 'echo "$SSH_CONNECTION"'], {
          clock: testSystem().clock,
          timeoutMs: 10_000,
          maxOutputBytes: 1000,
        });
        expect(result.stdout.trim()).toMatch(new RegExp(`^127\\.0\\.0\\.1 \\d+ 127\\.0\\.0\\.1 ${destination.port}$`));
        expect(forwardsTo(jump, destination.port)).toBe(forwardsBefore + 1);
        expect(steps).toEqual([
          { step: 'connecting', host: '127.0.0.1', port: jump.port, hop: 1 },
          { step: 'verifying-host', host: '127.0.0.1', port: jump.port },
          { step: 'authenticating', user: jump.user, host: '127.0.0.1' },
          { step: 'connecting', host: '127.0.0.1', port: destination.port },
          { step: 'verifying-host', host: '127.0.0.1', port: destination.port },
          { step: 'authenticating', user: destination.user, host: '127.0.0.1' },
        ]);
      } finally {
        client.end();
      }
    });

    it('chains several hops, each through the one before', async () => {
      const forwardsBefore = forwardsTo(jump, jump.port);
      const client = await connectThroughJump(['jumphost', 'jumphost']);
      client.end();
      expect(forwardsTo(jump, jump.port)).toBe(forwardsBefore + 1);
    });

    it('closes the jump host connection when the final connection is closed', async () => {
      const client = await connectThroughJump(['jumphost']);
      const disconnectsBefore = disconnects(jump);
      client.end();
      await eventually(() => disconnects(jump) > disconnectsBefore, 'the jump host never saw the hop disconnect');
    });

    it('ends the final connection when the jump host goes away', async () => {
      const client = await connectThroughJump(['jumphost']);
      const closed = new Promise<void>((resolve) => client.once('close', resolve));
      client.on('error', () => {});
      await jump.restart();
      await expect(withTimeout(closed, 10_000, 'the final connection outlived its jump host')).resolves.toBe(undefined);
    });

    it("checks the jump host's own host key and stops there when it does not match", async () => {
      const forwardsBefore = forwardsTo(jump, destination.port);
      const error = await connectFailureOf(
        connectThroughJump(['jumphost'], {
          hostKeys: { [jump.port]: destination.hostPublicKey, [destination.port]: destination.hostPublicKey },
        }),
      );
      expect(error.kind).toBe('host-key-changed');
      expect(error.message).toContain(`127.0.0.1:${jump.port}`);
      expect(forwardsTo(jump, destination.port)).toBe(forwardsBefore);
    });

    it("checks the destination's host key through the jump host", async () => {
      const error = await connectFailureOf(
        connectThroughJump(['jumphost'], {
          hostKeys: { [jump.port]: jump.hostPublicKey, [destination.port]: jump.hostPublicKey },
        }),
      );
      expect(error.kind).toBe('host-key-changed');
      expect(error.message).toContain(`127.0.0.1:${destination.port}`);
    });

    it('names the jump host when logging in to it fails', async () => {
      const wrongKey = join(dir, 'id_wrong');
      await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
      const error = await connectFailureOf(
        connectThroughJump(['jumphost'], {
          resolveHop: async () => configOf(jump, { identityFiles: [wrongKey] }),
        }),
      );
      expect(error.kind).toBe('auth-failed');
      expect(error.message).toContain(`${jump.user}@127.0.0.1:${jump.port} (jump host 1)`);
    });
  },
);

function forwardsTo(sshd: Sshd, port: number): number {
  return countLines(sshd, `server_request_direct_tcpip: originator 127.0.0.1 port 0, target 127.0.0.1 port ${port}`);
}

function disconnects(sshd: Sshd): number {
  return countLines(sshd, 'Disconnected from user');
}

function countLines(sshd: Sshd, text: string): number {
  return readFileSync(sshd.logPath, 'utf8')
    .split('\n')
    .filter((line) => line.includes(text)).length;
}

async function eventually(check: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    }, reject);
  });
}
