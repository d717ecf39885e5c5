// `openclaw-remote security` end to end, as a user runs it (the built CLI, its own HOME and data directory): the
// trusted host key with file and line, the device id and pairing with a real Gateway, the token's age and the
// checklist; forgetting a host key removes only that line, and a device token goes — each only once confirmed.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityOverview } from '../../electron/shared/security';
import { runCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const run = promisify(execFile);

function isolatedUser() {
  const home = makeTempDir('ocr-security-home-');
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  return { home, env };
}

/** A fresh ed25519 public key line (`ssh-ed25519 AAAA…`) and its fingerprint, as ssh-keygen makes and prints them. */
async function hostKey(dir: string, name: string): Promise<{ line: string; fingerprint: string }> {
  const file = path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  const printed = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`])).stdout;
  return { line, fingerprint: printed.split(' ')[1] ?? '' };
}

describe('openclaw-remote security: host keys', () => {
  const user = isolatedUser();
  afterAll(() => removeTempDir(user.home));

  it('shows the trusted key with file and line, and forgets only that line once confirmed', async () => {
    const ours = await hostKey(user.home, 'ours');
    const other = await hostKey(user.home, 'other');
    const knownHosts = path.join(user.home, '.ssh', 'known_hosts');
    const before = `# my hosts\nother.example.com ${other.line}\n[127.0.0.1]:2222 ${ours.line}\n`;
    writeFileSync(knownHosts, before, { mode: 0o600 });
    const added = await runCli(['profiles', 'add', 'Box', '--ssh', 'me@127.0.0.1', '--ssh-port', '2222'], {
      env: { ...user.env, OPENCLAW_GATEWAY_TOKEN: 'gw-token-for-security' },
    });
    expect(added.code, added.stderr).toBe(0);

    const json = await runCli(['security', 'Box', '--json'], { env: user.env });
    expect(json.code, json.stderr).toBe(0);
    const overview = JSON.parse(json.stdout) as SecurityOverview;
    expect(overview.hostKey).toMatchObject({
      knownHostsName: '[127.0.0.1]:2222',
      lines: [
        { file: knownHosts, line: 3, keyType: 'ssh-ed25519', fingerprint: ours.fingerprint, forget: 'remove-line' },
      ],
    });
    expect(overview.token).toMatchObject({ stored: true, ageDays: 0 });
    expect(overview.device.deviceId).toMatch(/^[0-9a-f]{64}$/u);
    expect(overview.device.paired).toBe(false);
    expect(Object.fromEntries(overview.checklist.map((item) => [item.id, item.status]))).toEqual({
      'token-set': 'met',
      'key-auth': 'met',
      'loopback-bind': 'unknown',
      'encrypted-route': 'met',
      'no-plaintext-ws': 'met',
    });
    expect(json.stdout).not.toContain('gw-token-for-security');

    const text = await runCli(['security', 'Box'], { env: user.env });
    expect(text.stdout).toContain(`${knownHosts} line 3: ssh-ed25519 ${ours.fingerprint}`);
    expect(text.stdout).toContain(`device id: ${overview.device.deviceId}`);

    // No terminal and no --yes: shown, nothing changed.
    const unconfirmed = await runCli(['security', 'forget-host-key', 'Box'], { env: user.env });
    expect(unconfirmed.code).toBe(3);
    expect(unconfirmed.stdout).toContain(`${knownHosts} line 3: ssh-ed25519 ${ours.fingerprint}`);
    expect(unconfirmed.stdout).toContain('pass --yes');
    expect(readFileSync(knownHosts, 'utf8')).toBe(before);

    const forgotten = await runCli(['security', 'forget-host-key', 'Box', '--yes'], { env: user.env });
    expect(forgotten.code, forgotten.stderr).toBe(0);
    expect(forgotten.stdout).toContain('Forgot 1 line');
    expect(readFileSync(knownHosts, 'utf8')).toBe(`# my hosts\nother.example.com ${other.line}\n`);
    const after = JSON.parse(
      (await runCli(['security', 'Box', '--json'], { env: user.env })).stdout,
    ) as SecurityOverview;
    expect(after.hostKey?.lines).toEqual([]);
  });
});

const gatewayUsable = peerAvailable(
  'OpenClaw Gateway',
  gatewayMissing(),
  'Run the tests with Node 24 (npm test does).',
);

describe.skipIf(!gatewayUsable)('openclaw-remote security: the device token of a real Gateway', () => {
  const user = isolatedUser();
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
    removeTempDir(user.home);
  });

  it('is paired after signing in, and forget-device-token removes the device token', async () => {
    const added = await runCli(['profiles', 'add', 'Local', '--url', gateway.url, '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    const status = await runCli(['status', 'Local', '--json'], { env: user.env });
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);

    const paired = JSON.parse(
      (await runCli(['security', 'Local', '--json'], { env: user.env })).stdout,
    ) as SecurityOverview;
    expect(paired.device.paired).toBe(true);
    expect(paired.hostKey).toBeNull();

    const forgotten = await runCli(['security', 'forget-device-token', 'Local', '--yes'], { env: user.env });
    expect(forgotten.code, forgotten.stderr).toBe(0);
    expect(forgotten.stdout).toContain('Forgot the device token.');
    const after = JSON.parse(
      (await runCli(['security', 'Local', '--json'], { env: user.env })).stdout,
    ) as SecurityOverview;
    expect(after.device.paired).toBe(false);
  });
});
