// Logging in to the real private sshd as OpenSSH would: Ed25519, ECDSA and RSA keys, an encrypted key with its
// passphrase asked for, a real ssh-agent (also with IdentitiesOnly), a refused key that fails fast and says what
// was tried, the network failures that come before a login, and no passphrase ever in the log.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ssh2, { type Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkStep } from '../../electron/shared/link-state';
import {
  isRetryable,
  openSshConnection,
  type OpenSshConnectionOptions,
} from '../../electron/main/services/ssh/connect';
import type { ResolvedSshConfig } from '../../electron/main/services/ssh/types';
import { waitForReady } from '../fixtures/child-process';
import { freePort } from '../fixtures/free-port';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { configFor, connectFailureOf, pinnedHostVerifier } from '../fixtures/ssh-test-config';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { atProcessExit, makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const execFileAsync = promisify(execFile);
const PASSPHRASE = 'correct horse battery staple';
const WRONG_PASSPHRASE = 'incorrect donkey battery';

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'SSH authentication',
  () => {
    let dir: string;
    let sshd: Sshd;
    const keys: Record<'ed25519' | 'ecdsa' | 'rsa' | 'encrypted' | 'agentOnly' | 'wrong', string> = {
      ed25519: '',
      ecdsa: '',
      rsa: '',
      encrypted: '',
      agentOnly: '',
      wrong: '',
    };

    beforeAll(async () => {
      dir = makeTempDir('openclaw-ssh-auth-');
      keys.ed25519 = await keygen(dir, 'ed25519');
      keys.ecdsa = await keygen(dir, 'ecdsa');
      keys.rsa = await keygen(dir, 'rsa');
      keys.encrypted = await keygen(dir, 'ed25519', PASSPHRASE);
      keys.agentOnly = await keygen(dir, 'ed25519');
      keys.wrong = await keygen(dir, 'ed25519');
      const authorized = [keys.ed25519, keys.ecdsa, keys.rsa, keys.encrypted, keys.agentOnly];
      sshd = await startSshd({ authorizedKeys: await Promise.all(authorized.map(publicKeyOf)) });
    });

    afterAll(async () => {
      await sshd?.stop();
      if (dir) removeTempDir(dir);
    });

    it.each(['ed25519', 'ecdsa', 'rsa'] as const)('logs in with an unencrypted %s key', async (type) => {
      const steps: LinkStep['step'][] = [];
      const client = await connect(sshd, { identityFiles: [keys[type]] }, { onStep: (s) => steps.push(s.step) });
      try {
        expect(await exec(client, 'echo logged-in')).toBe('logged-in\n');
        expect(steps).toEqual(['connecting', 'verifying-host', 'authenticating']);
      } finally {
        client.end();
      }
    });

    it('asks for the passphrase of an encrypted key, again after a wrong one, and remembers it in memory', async () => {
      const testLog = createTestLog();
      const passphrases = new Map<string, string>();
      const asked: string[] = [];
      const answers = [WRONG_PASSPHRASE, PASSPHRASE];
      const prompts = {
        ...noPrompts,
        passphrase: async ({ keyFile }: { keyFile: string }) => {
          asked.push(keyFile);
          return answers.shift();
        },
      };
      const options = { prompts, passphrases, log: testLog.logger('ssh') };
      const first = await connect(sshd, { identityFiles: [keys.encrypted] }, options);
      first.end();
      expect(asked).toEqual([keys.encrypted, keys.encrypted]);
      expect(passphrases.get(keys.encrypted)).toBe(PASSPHRASE);

      const second = await connect(sshd, { identityFiles: [keys.encrypted] }, options);
      second.end();
      expect(asked).toHaveLength(2);

      const logged = JSON.stringify(testLog.recent(1000));
      expect(logged).toContain(keys.encrypted);
      expect(logged).not.toContain(PASSPHRASE);
      expect(logged).not.toContain(WRONG_PASSPHRASE);
    });

    it('skips an encrypted key whose passphrase is not given, and says so', async () => {
      const prompts = { ...noPrompts, passphrase: async () => undefined };
      const error = await connectFailureOf(connect(sshd, { identityFiles: [keys.encrypted] }, { prompts }));
      expect(error.kind).toBe('auth-failed');
      expect(error.message).toContain(`${keys.encrypted} (no passphrase given)`);
      expect(error.hint).toMatch(/passphrase/);
    });

    describe('with a real ssh-agent', () => {
      let agent: { socket: string; stop: () => void };

      beforeAll(async () => {
        agent = await startAgent(dir);
        await execFileAsync('ssh-add', ['-q', keys.agentOnly], {
          env: { ...process.env, SSH_AUTH_SOCK: agent.socket },
        });
      });

      afterAll(() => agent?.stop());

      it('logs in with a key that only the agent holds', async () => {
        const testLog = createTestLog();
        const client = await connect(
          sshd,
          { identityAgent: agent.socket, identityFiles: [join(dir, 'id_missing')] },
          { log: testLog.logger('ssh') },
        );
        client.end();
        expect(testLog.recent(100).map((entry) => entry.message)).toContainEqual(
          expect.stringMatching(/^Logged in to 127\.0\.0\.1:\d+ as \S+ with agent$/),
        );
      });

      it('with IdentitiesOnly, uses the agent for an identity file it holds, asking no passphrase', async () => {
        const encryptedCopy = join(dir, 'agent_key_encrypted');
        await execFileAsync('cp', [keys.agentOnly, encryptedCopy]);
        await execFileAsync('ssh-keygen', ['-q', '-p', '-P', '', '-N', PASSPHRASE, '-f', encryptedCopy]);
        let asked = 0;
        const prompts = {
          ...noPrompts,
          passphrase: async () => {
            asked += 1;
            return undefined;
          },
        };
        const client = await connect(
          sshd,
          { identityAgent: agent.socket, identitiesOnly: true, identityFiles: [encryptedCopy] },
          { prompts },
        );
        client.end();
        expect(asked).toBe(0);
      });

      it('with IdentitiesOnly, does not offer agent keys that match no identity file', async () => {
        const error = await connectFailureOf(
          connect(sshd, { identityAgent: agent.socket, identitiesOnly: true, identityFiles: [keys.wrong] }),
        );
        expect(error.kind).toBe('auth-failed');
        expect(error.message).toContain("IdentitiesOnly is set and the agent holds none of the identity files' keys");
        expect(error.message).toContain(`${keys.wrong} (refused by the server)`);
      });
    });

    it('fails fast with a refused key, listing each method tried and why it failed', async () => {
      const missing = join(dir, 'id_rsa_missing');
      // With a 5 s connect deadline, anything but an immediate refusal would end as handshake-timeout.
      const error = await connectFailureOf(
        connect(sshd, {
          identityAgent: join(dir, 'no-agent.sock'),
          identityFiles: [keys.wrong, missing],
          connectTimeout: 5,
        }),
      );
      expect(error.kind).toBe('auth-failed');
      expect(isRetryable(error.kind)).toBe(false);
      expect(error.message).toContain(`Could not log in to ${sshd.user}@127.0.0.1:${sshd.port}.`);
      expect(error.message).toContain(`the SSH agent (no agent running at ${join(dir, 'no-agent.sock')})`);
      expect(error.message).toContain(`${keys.wrong} (refused by the server)`);
      expect(error.message).toContain(`${missing} (no such file)`);
      expect(error.hint).toContain(`${keys.wrong}.pub`);
      expect(error.hint).toContain('authorized_keys');
    });

    it('refuses FIDO keys and certificates with a reason instead of trying them', async () => {
      const certKey = await keygen(dir, 'ed25519');
      const ca = await keygen(dir, 'ed25519');
      await execFileAsync('ssh-keygen', ['-q', '-s', ca, '-I', 'test', '-n', sshd.user, `${certKey}.pub`]);
      const fido = join(dir, 'id_ed25519_sk');
      await execFileAsync('cp', [keys.ed25519, fido]);
      await rewriteKeyType(fido, 'sk-ssh-ed25519@openssh.com');
      const error = await connectFailureOf(connect(sshd, { identityFiles: [`${certKey}-cert.pub`, fido, certKey] }));
      const certificate = `${certKey}-cert.pub (an OpenSSH certificate, which this app cannot use yet`;
      // Once as the identity file itself, once found beside the key as OpenSSH would.
      expect(error.message.split(certificate)).toHaveLength(3);
      expect(error.message).toContain(`${certKey} (refused by the server)`);
      expect(error.message).toContain(
        `${fido} (a FIDO security key (sk-ssh-ed25519@openssh.com), which this app cannot use yet`,
      );
    });

    it('does not count the time a person spends on the passphrase prompt against the connect timeout', async () => {
      const prompts = {
        ...noPrompts,
        passphrase: () => new Promise<string>((resolve) => setTimeout(() => resolve(PASSPHRASE), 1_500)),
      };
      const client = await connect(
        sshd,
        { identityFiles: [keys.encrypted] },
        { prompts, defaults: { keepaliveIntervalMs: 15_000, keepaliveCountMax: 3, readyTimeoutMs: 1_000 } },
      );
      client.end();
    });

    it('is cancelled by its abort signal, even while a prompt is open', async () => {
      const controller = new AbortController();
      const prompts = {
        ...noPrompts,
        passphrase: () => {
          setTimeout(() => controller.abort(), 50);
          return new Promise<string | undefined>(() => {});
        },
      };
      const error = await connectFailureOf(
        connect(sshd, { identityFiles: [keys.encrypted] }, { prompts, signal: controller.signal }),
      );
      expect(error.kind).toBe('cancelled');
    });

    it('with passwords allowed, says that this server takes none instead of asking for one', async () => {
      let asked = 0;
      const prompts = {
        ...noPrompts,
        password: async () => {
          asked += 1;
          return 'never-sent';
        },
      };
      const error = await connectFailureOf(
        connect(sshd, { identityFiles: [keys.wrong] }, { prompts, allowPassword: true }),
      );
      expect(asked).toBe(0);
      expect(error.message).toContain('keyboard-interactive (the server does not accept keyboard-interactive; it');
      expect(error.message).toContain('password (the server does not accept passwords; it offers publickey)');
    });

    describe('password and keyboard-interactive (an ssh2 server: sshd would need a real account password)', () => {
      let server: InstanceType<typeof ssh2.Server>;
      let serverKey: string;
      let port: number;
      const PASSWORD = 'open sesame 42';

      beforeAll(async () => {
        const hostKeyPath = await keygen(dir, 'ed25519');
        serverKey = await publicKeyOf(hostKeyPath);
        const hostKey = await readFile(hostKeyPath);
        server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
          client.on('error', () => {});
          client.on('authentication', (context) => {
            const user = context.username;
            if (context.method === 'password') {
              if (user === 'pw' && context.password === PASSWORD) context.accept();
              else context.reject(['password']);
            } else if (context.method === 'keyboard-interactive' && user === 'kbd') {
              context.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
                if (answers[0] === PASSWORD) context.accept();
                else context.reject(['keyboard-interactive']);
              });
            } else {
              context.reject(user === 'kbd' ? ['keyboard-interactive'] : ['password']);
            }
          });
          client.on('ready', () => client.end());
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as { port: number }).port;
      });

      afterAll(() => server?.close());

      it('asks for the password again after a wrong one', async () => {
        const testLog = createTestLog();
        const answers = ['wrong password 1', PASSWORD];
        const prompts = { ...noPrompts, password: async () => answers.shift() };
        const target = { port, user: 'pw', hostPublicKey: serverKey };
        const client = await connect(target, {}, { prompts, allowPassword: true, log: testLog.logger('ssh') });
        client.end();
        expect(answers).toEqual([]);
        const logged = JSON.stringify(testLog.recent(1000));
        expect(logged).not.toContain(PASSWORD);
        expect(logged).not.toContain('wrong password 1');
      });

      it('gives up after three wrong passwords and says so', async () => {
        let asked = 0;
        const prompts = {
          ...noPrompts,
          password: async () => {
            asked += 1;
            return `wrong ${asked}`;
          },
        };
        const target = { port, user: 'pw', hostPublicKey: serverKey };
        const error = await connectFailureOf(connect(target, {}, { prompts, allowPassword: true }));
        expect(asked).toBe(3);
        expect(error.kind).toBe('auth-failed');
        expect(error.message).toContain('password (refused by the server, 3 times)');
        expect(error.hint).toContain('Check the password of pw');
      });

      it('answers keyboard-interactive prompts with the password prompt', async () => {
        const asked: string[] = [];
        const prompts = {
          ...noPrompts,
          password: async ({ prompt }: { prompt: string }) => {
            asked.push(prompt);
            return PASSWORD;
          },
        };
        const target = { port, user: 'kbd', hostPublicKey: serverKey };
        const client = await connect(target, {}, { prompts, allowPassword: true });
        client.end();
        expect(asked).toEqual(['Password: ']);
      });

      it('offers neither when the profile does not allow passwords', async () => {
        const prompts = { ...noPrompts, password: async () => PASSWORD };
        const target = { port, user: 'pw', hostPublicKey: serverKey };
        const error = await connectFailureOf(connect(target, {}, { prompts, allowPassword: false }));
        expect(error.kind).toBe('auth-failed');
        expect(error.message).not.toContain('password (');
      });
    });

    describe('before the login', () => {
      it('reports a closed port as host-unreachable, which may be retried', async () => {
        const port = await freePort();
        const error = await connectFailureOf(connect({ ...sshd, port }, {}));
        expect(error.kind).toBe('host-unreachable');
        expect(error.message).toContain(`127.0.0.1:${port}`);
        expect(isRetryable(error.kind)).toBe(true);
      });

      it('reports a name that does not resolve as dns-failed, which is not retried', async () => {
        const error = await connectFailureOf(connect(sshd, { hostname: 'no-such-host.invalid' }));
        expect(error.kind).toBe('dns-failed');
        expect(error.message).toContain('no-such-host.invalid');
        expect(isRetryable(error.kind)).toBe(false);
      });

      it('reports a host key other than the pinned one with the verifier’s own error', async () => {
        const error = await connectFailureOf(
          connect(
            sshd,
            { identityFiles: [keys.ed25519] },
            { makeHostVerifier: pinnedHostVerifier('ssh-ed25519 AAAA') },
          ),
        );
        expect(error.kind).toBe('host-key-changed');
        expect(isRetryable(error.kind)).toBe(false);
      });

      it('reports a server that never finishes the handshake as handshake-timeout', async () => {
        const silent = createServer(() => {});
        await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
        const port = (silent.address() as { port: number }).port;
        try {
          const error = await connectFailureOf(connect({ ...sshd, port }, { connectTimeout: 1 }));
          expect(error.kind).toBe('handshake-timeout');
          expect(isRetryable(error.kind)).toBe(true);
        } finally {
          silent.close();
        }
      });
    });
  },
);

const noPrompts: OpenSshConnectionOptions['prompts'] = {
  passphrase: async () => {
    throw new Error('no passphrase prompt expected');
  },
};

function connect(
  sshd: Pick<Sshd, 'port' | 'user' | 'hostPublicKey'>,
  overrides: Partial<ResolvedSshConfig>,
  options: Partial<OpenSshConnectionOptions> = {},
): Promise<Client> {
  const config = configFor(sshd, overrides);
  return openSshConnection({
    config,
    resolveHop: () => Promise.reject(new Error('no hops here')),
    makeHostVerifier: pinnedHostVerifier(sshd.hostPublicKey),
    prompts: noPrompts,
    passphrases: new Map(),
    allowPassword: false,
    system: testSystem(),
    log: createTestLog().logger('ssh'),
    ...options,
  });
}

function exec(client: Client, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, stream) => {
      if (error) return reject(error);
      let out = '';
      stream.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      stream.on('close', () => resolve(out));
    });
  });
}

async function keygen(dir: string, type: 'ed25519' | 'ecdsa' | 'rsa', passphrase = ''): Promise<string> {
  const path = join(dir, `id_${type}_${Math.random().toString(36).slice(2, 8)}`);
  await execFileAsync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'openclaw-test', '-f', path]);
  return path;
}

async function publicKeyOf(keyPath: string): Promise<string> {
  return (await readFile(`${keyPath}.pub`, 'utf8')).trim();
}

/** Makes an OpenSSH private key claim another key type in its public section, as a FIDO key file would. */
async function rewriteKeyType(path: string, type: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const body = Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const original = 'ssh-ed25519';
  const at = body.indexOf(original);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(type.length);
  const patched = Buffer.concat([
    body.subarray(0, at - 4),
    length,
    Buffer.from(type),
    body.subarray(at + original.length),
  ]);
  const lines = patched.toString('base64').match(/.{1,70}/g) ?? [];
  await writeFile(
    path,
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
  );
}

async function startAgent(dir: string): Promise<{ socket: string; stop: () => void }> {
  const socket = join(dir, 'agent.sock');
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const forget = atProcessExit(() => child.kill('SIGKILL'));
  await waitForReady(child, async () => existsSync(socket), {
    timeoutMs: 5_000,
    pollMs: 20,
    failure: (why) => `ssh-agent ${why} before creating its socket`,
  });
  return {
    socket,
    stop: () => {
      child.kill('SIGTERM');
      forget();
    },
  };
}
