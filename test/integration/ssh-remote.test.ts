// Remote helpers against the real private sshd: arguments reach the remote program byte-for-byte however
// hostile, exit codes and signals come back, output and time are bounded, and files are read over SFTP.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshConnection } from '../../electron/main/services/ssh/connect';
import { readRemoteFile, runRemoteCommand } from '../../electron/main/services/ssh/remote';
import { failureOf } from '../fixtures/failure-of';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { configFor, pinnedHostVerifier } from '../fixtures/ssh-test-config';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const { clock } = testSystem();
const limits = { clock, timeoutMs: 10_000, maxOutputBytes: 1_000_000 };

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'remote commands and files',
  () => {
    let home: string;
    let sshd: Sshd;
    let client: Client;

    beforeAll(async () => {
      // SFTP starts in this directory instead of the account's real home, so `~/` is ours to fill.
      home = makeTempDir('openclaw-sftp-home-');
      sshd = await startSshd({ extraConfig: [`Subsystem sftp internal-sftp -d ${home}`] });
      client = await connect(sshd);
    });

    afterAll(async () => {
      client?.end();
      await sshd?.stop();
      if (home) removeTempDir(home);
    });

    describe('runRemoteCommand', () => {
      const tricky = [
        "it's",
        'two words',
        '$(rm -rf /)',
        '`id`',
        '$HOME ${PATH}',
        'line one\nline two',
        '',
        '"double" \'single\'',
        'back\\slash\\',
        '* ? [a-z]',
        '~',
        '~root',
        '-n',
        '!event',
        '; | && || > < &',
        '#comment',
        '=ls',
        '%1',
        '{a,b}',
        'tab\there',
        'crlf\r\n',
        'ünïcødé ✓ 🚀 漢字',
        String.fromCharCode(...Array.from({ length: 127 }, (_, index) => index + 1)),
      ];

      it('passes every argument through the remote shell byte-for-byte', async () => {
        const result = await runRemoteCommand(client, ['printf', '%s\\n', ...tricky], limits);
        expect(result).toEqual({ code: 0, signal: null, stdout: tricky.map((arg) => `${arg}\n`).join(''), stderr: '' });
      });

      it('returns the exit code, the signal and standard error', async () => {
        expect(await runRemoteCommand(client, ['sh', '-c', 'echo oops >&2; exit 3'], limits)).toEqual({
          code: 3,
          signal: null,
          stdout: '',
          stderr: 'oops\n',
        });
        const killed = await runRemoteCommand(client, ['sh', '-c', 'kill -TERM $$'], limits);
        expect(killed).toMatchObject({ code: null, signal: 'SIGTERM' });
      });

      it('closes standard input, so a program that reads it does not wait', async () => {
        expect(await runRemoteCommand(client, ['cat'], { ...limits, timeoutMs: 5_000 })).toMatchObject({ code: 0 });
      });

      it('stops a command that outlives its timeout', async () => {
        // Without the timeout this would outlast the test's own limit and fail it.
        const error = await failureOf(runRemoteCommand(client, ['sleep', '600'], { ...limits, timeoutMs: 300 }));
        expect(error.kind).toBe('remote-command-timeout');
      });

      it('stops a command that writes more than the output cap', async () => {
        const error = await failureOf(
          runRemoteCommand(client, ['head', '-c', '10000000', '/dev/zero'], { ...limits, maxOutputBytes: 1000 }),
        );
        expect(error.kind).toBe('remote-output-too-large');
      });

      it('refuses an argument with a NUL character before running anything', async () => {
        const error = await failureOf(runRemoteCommand(client, ['echo', 'a\0b'], limits));
        expect(error.kind).toBe('invalid-argument');
      });

      it('reports a connection that is gone as connection-lost', async () => {
        const gone = await connect(sshd);
        await new Promise<void>((resolve) => {
          gone.once('close', () => resolve());
          gone.end();
        });
        expect((await failureOf(runRemoteCommand(gone, ['true'], limits))).kind).toBe('connection-lost');
      });
    });

    describe('readRemoteFile', () => {
      it('reads a file under ~/ and by its absolute path', async () => {
        const content = randomBytes(300_000);
        writeFileSync(join(home, 'data.bin'), content);
        expect((await readRemoteFile(client, '~/data.bin', { clock, maxBytes: 300_000 }))?.equals(content)).toBe(true);
        const absolute = await readRemoteFile(client, join(home, 'data.bin'), { clock, maxBytes: 1_000_000 });
        expect(absolute?.equals(content)).toBe(true);
      });

      it('returns undefined for a file that does not exist', async () => {
        expect(await readRemoteFile(client, '~/no-such-file.json', { clock, maxBytes: 1000 })).toBeUndefined();
      });

      it('refuses a file larger than maxBytes, and a directory', async () => {
        writeFileSync(join(home, 'big.txt'), 'x'.repeat(1001));
        const tooLarge = await failureOf(readRemoteFile(client, '~/big.txt', { clock, maxBytes: 1000 }));
        expect(tooLarge.kind).toBe('remote-file-too-large');
        expect(tooLarge.message).toContain('~/big.txt');
        mkdirSync(join(home, 'folder'), { recursive: true });
        expect((await failureOf(readRemoteFile(client, '~/folder', { clock, maxBytes: 1000 }))).kind).toBe(
          'remote-not-a-file',
        );
      });

      it('reads only the last maxBytes of a bigger file when asked for its tail', async () => {
        const content = randomBytes(200_000);
        writeFileSync(join(home, 'long.log'), content);
        const tail = await readRemoteFile(client, '~/long.log', { clock, maxBytes: 70_000, tail: true });
        expect(tail?.equals(content.subarray(-70_000))).toBe(true);
        const whole = await readRemoteFile(client, '~/long.log', { clock, maxBytes: 300_000, tail: true });
        expect(whole?.equals(content)).toBe(true);
      });

      it('says so when the host has no SFTP', async () => {
        const bare = await startSshd();
        const bareClient = await connect(bare);
        try {
          const error = await failureOf(readRemoteFile(bareClient, '~/anything', { clock, maxBytes: 1000 }));
          expect(error.kind).toBe('sftp-unavailable');
          expect(error.hint).toContain('Subsystem sftp');
        } finally {
          bareClient.end();
          await bare.stop();
        }
      });
    });
  },
);

function connect(sshd: Sshd): Promise<Client> {
  return openSshConnection({
    config: configFor(sshd, { identityFiles: [sshd.clientKeyPath], identitiesOnly: true }),
    resolveHop: () => Promise.reject(new Error('no hops here')),
    makeHostVerifier: pinnedHostVerifier(sshd.hostPublicKey),
    prompts: { passphrase: async () => undefined },
    passphrases: new Map(),
    allowPassword: false,
    system: testSystem(),
    log: createTestLog().logger('ssh'),
  });
}
