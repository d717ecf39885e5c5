// Smoke test for the sshd fixture: a real ssh2 client authenticates with the throwaway client key, pins the
// throwaway host key, runs a command, and connects again after a restart on the same port.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'sshd fixture',
  () => {
    let sshd: Sshd;

    beforeAll(async () => {
      sshd = await startSshd();
    });

    afterAll(async () => {
      await sshd?.stop();
    });

    it('runs a command for a client that pins the host key', async () => {
      expect(await exec(sshd, 'echo hello-from-sshd')).toBe('hello-from-sshd\n');
    });

    it('rejects a host key other than the fixture one', async () => {
      const other = await startSshd();
      try {
        await expect(exec({ ...other, hostPublicKey: sshd.hostPublicKey }, 'true')).rejects.toThrow(/verification/i);
      } finally {
        await other.stop();
      }
    });

    it('comes back on the same port after a restart', async () => {
      const port = sshd.port;
      await sshd.restart();
      expect(sshd.port).toBe(port);
      expect(await exec(sshd, 'echo after-restart')).toBe('after-restart\n');
    });
  },
);

function exec(sshd: Sshd, command: string): Promise<string> {
  const expectedKey = Buffer.from(sshd.hostPublicKey.split(' ')[1] ?? '', 'base64');
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) {
            client.end();
            reject(error);
            return;
          }
          let stdout = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
          stream.on('close', () => {
            client.end();
            resolve(stdout);
          });
        });
      })
      .on('error', reject)
      .connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: readFileSync(sshd.clientKeyPath),
        hostVerifier: (key: Buffer) => key.equals(expectedKey),
      });
  });
}
