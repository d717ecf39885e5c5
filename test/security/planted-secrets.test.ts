// Planted secrets never leak: a recognisable Gateway token, key passphrase and device token go through the real CLI
// (OPENCLAW_REMOTE_DEBUG=1, which mirrors the app log to standard error) against the real sshd and Gateway — saved,
// connected with, refused, checked by the doctor (JSON and text) — and none of them appears in any output, in the
// mirrored log, or in any file of the data directory but the secrets file. While `connect` holds the tunnel and the
// browser host serves, every socket either process listens on is on loopback.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profilePassphraseSecret } from '../../electron/main/services/profiles/profile-secrets';
import { openPlainSecretStore, PLAIN_SECRETS_FILE } from '../../electron/main/services/secrets/plain-secret-store';
import { runCli, startCli, type CliRun } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import { snapshotFiles } from './app-core';
import { isLoopback, listeningAddresses } from './listening-sockets';

const run = promisify(execFile);
/** Where the integration setup builds the CLI and the browser host (test/fixtures/cli-process.ts). */
const CLI_BUILD = path.resolve(import.meta.dirname, '..', '..', 'out', 'cli-test');

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const PLANTED = {
  token: 'PLANTED-gateway-token-7f3a9c51d2e8',
  wrongToken: 'PLANTED-wrong-token-9e8d7c6b5a41',
  passphrase: 'PLANTED-passphrase-51d2a7f3',
  wrongPassphrase: 'PLANTED-wrong-passphrase-0b1c2d',
  deviceToken: 'PLANTED-device-token-c0ffee4242',
};

describe.skipIf(!usable)('planted secrets through the CLI with debug on', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  const home = makeTempDir('security-secrets-home-');
  const dataDir = path.join(home, 'data');
  const keyPath = path.join(home, 'id_planted');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    OPENCLAW_REMOTE_HOME: dataDir,
    OPENCLAW_REMOTE_DEBUG: '1',
  };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  /** Everything every CLI run printed, standard output and error (the mirrored app log among it). */
  const printed: string[] = [];
  /** Issued by the Gateway during the test: must stay as secret as the planted ones. */
  const issued: string[] = [];

  async function cli(args: string[], input?: string): Promise<CliRun> {
    const result = await runCli(args, { env, ...(input === undefined ? {} : { input }), timeoutMs: 90_000 });
    printed.push(`$ openclaw-remote ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  const secretsFile = () => path.join(dataDir, PLAIN_SECRETS_FILE);
  const readSecrets = () => JSON.parse(readFileSync(secretsFile(), 'utf8')) as Record<string, string>;

  beforeAll(async () => {
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', PLANTED.passphrase, '-C', 'planted', '-f', keyPath]);
    const publicKey = readFileSync(`${keyPath}.pub`, 'utf8').trim();
    [sshd, gateway] = await Promise.all([
      startSshd({ authorizedKeys: [publicKey] }),
      startGateway({ token: PLANTED.token }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(home);
  });

  const routeFlags = () => [
    '--ssh',
    `${sshd.user}@127.0.0.1:${sshd.port}`,
    '--identity',
    keyPath,
    '--local-port',
    '0',
    '--remote-port',
    String(gateway.port),
  ];

  /** The profile's ID, and its key's passphrase remembered as the window's "remember" choice stores it. */
  async function rememberPassphrase(name: string, passphrase: string): Promise<void> {
    const shown = await cli(['profiles', 'show', name, '--json']);
    const { id } = JSON.parse(shown.stdout) as { id: string };
    await openPlainSecretStore({ dataDir, system: testSystem() }).store.set(
      profilePassphraseSecret(id, keyPath),
      passphrase,
    );
  }

  it('connects with the planted token and passphrase, and the doctor checks the way, without printing either', async () => {
    const added = await cli(['profiles', 'add', 'Planted', ...routeFlags(), '--token-stdin'], `${PLANTED.token}\n`);
    expect(added.code, added.stderr).toBe(0);
    await rememberPassphrase('Planted', PLANTED.passphrase);

    // A Gateway that answers /healthz may still say it is starting for a while on a loaded machine: ask again.
    let status = await cli(['status', 'Planted', '--json', '--accept-new-host-key']);
    for (let tries = 1; tries < 10 && status.stdout.includes('"gateway-starting"'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      status = await cli(['status', 'Planted', '--json']);
    }
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    // The debug mirror is on: the log's lines are there to be searched.
    expect(status.stderr).toMatch(/\[(ssh|gateway|connection)\]/u);
    expect((await cli(['status', 'Planted'])).code).toBe(0);
    expect((await cli(['doctor', 'Planted', '--json'])).code).toBe(0);
    expect((await cli(['doctor', 'Planted'])).code).toBe(0);

    // The Gateway paired this install and issued a device token: now one more secret to keep.
    const deviceTokens = Object.entries(readSecrets()).filter(([name]) => name.startsWith('gateway.device-token:'));
    for (const [, record] of deviceTokens) issued.push((JSON.parse(record) as { token: string }).token);
  });

  it('refuses a planted device token the Gateway never issued without printing it', async () => {
    const secrets = readSecrets();
    const names = Object.keys(secrets).filter((name) => name.startsWith('gateway.device-token:'));
    expect(names.length, 'the Gateway issued no device token to replace').toBeGreaterThan(0);
    for (const name of names) {
      const record = JSON.parse(secrets[name] ?? '{}') as Record<string, unknown>;
      secrets[name] = JSON.stringify({ ...record, token: PLANTED.deviceToken });
    }
    writeFileSync(secretsFile(), JSON.stringify(secrets), { mode: 0o600 });
    await cli(['status', 'Planted', '--json']);
    await cli(['doctor', 'Planted']);
  });

  it('refuses a wrong token and a wrong remembered passphrase without printing either', async () => {
    const added = await cli(['profiles', 'add', 'Wrong', ...routeFlags(), '--token-stdin'], `${PLANTED.wrongToken}\n`);
    expect(added.code, added.stderr).toBe(0);
    await rememberPassphrase('Wrong', PLANTED.wrongPassphrase);
    expect((await cli(['status', 'Wrong', '--json'])).code).toBe(1);
    expect((await cli(['status', 'Wrong'])).code).toBe(1);
    await cli(['doctor', 'Wrong', '--json']);
    await cli(['doctor', 'Wrong']);
  });

  it('connect holds the tunnel on loopback only, and the browser host listens on loopback only', async () => {
    const connect = startCli(['connect', 'Planted'], { env });
    try {
      const [, port] = await connect.waitForOutput(/Connected to Planted on 127\.0\.0\.1:(\d+)/u);
      const listening = listeningAddresses(connect.process.pid as number);
      expect(listening).toContain(`127.0.0.1:${port}`);
      expect(listening.filter((address) => !isLoopback(address))).toEqual([]);
    } finally {
      connect.process.kill('SIGINT');
      await connect.exited();
      printed.push(`$ openclaw-remote connect Planted\n${connect.stdout()}\n${connect.stderr()}`);
    }
    // The browser host as `npm run web` runs it (built beside the CLI by the integration setup), on the same data.
    const host = spawn(process.execPath, [path.join(CLI_BUILD, 'web.js'), '--port', '0'], { env });
    try {
      let output = '';
      const port = await new Promise<string>((resolve, reject) => {
        host.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:(\d+)\/#secret=/u.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        host.once('exit', (code) => reject(new Error(`the browser host exited with ${code}: ${output}`)));
      });
      expect(listeningAddresses(host.pid as number)).toEqual([`127.0.0.1:${port}`]);
    } finally {
      host.kill('SIGTERM');
    }
  });

  it('none of them is in any output, the mirrored log, the settings file or any other file but the secrets file', () => {
    const secrets = [...Object.values(PLANTED), ...issued];
    const files = snapshotFiles(dataDir);
    delete files[PLAIN_SECRETS_FILE];
    expect(Object.keys(files)).toContain('settings.json');
    for (const secret of secrets) {
      for (const output of printed) expect(output, `leaked ${secret}`).not.toContain(secret);
      for (const [name, bytes] of Object.entries(files)) {
        expect(Buffer.from(bytes, 'base64').toString('utf8'), `${name} holds ${secret}`).not.toContain(secret);
      }
    }
  });
});
