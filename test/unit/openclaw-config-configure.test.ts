// Pointing the OpenClaw CLI at a profile by rewriting a real openclaw.json in a temp home: the gateway.remote keys
// each route needs, every other key kept, stale keys removed, the atomic write (backup ring, no temp files left,
// mode kept), a new file and folder when there is none, and a file it cannot parse left byte-identical.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  configureOpenclawCli,
  type ConfigureCliRequest,
} from '../../electron/main/services/openclaw-config/configure-cli';
import { profileSchema, type ProfileInput } from '../../electron/shared/profile';
import { failureOf } from '../fixtures/failure-of';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const TOKEN = '0d9c7b5a3f1e2d4c6b8a0f9e7d5f3b1c9a07d2e4c58b6a1e';

/** A user's real-looking config: comments, trailing commas, keys the app must not touch, and stale remote keys. */
const USER_CONFIG = `// My OpenClaw setup
{
  $schema: "https://openclaw.ai/schema/openclaw.json",
  agents: { defaults: { workspace: "~/work", model: "anthropic/claude" }, list: [{ id: "main" }] },
  channels: { telegram: { enabled: true, botToken: "123:abc" } },
  gateway: {
    port: 18789,
    bind: "loopback",
    auth: { mode: "token", token: "the-local-gateway-token" }, // my own Gateway
    tls: { enabled: false },
    mode: "local",
    remote: {
      transport: "direct",
      url: "wss://old.example.com",
      tlsFingerprint: "sha256:${'ab'.repeat(32)}",
      password: "an-old-password",
      edgeAuth: { "Cf-Access-Token": "cf-secret" },
    },
  },
  someFutureKey: { nested: [1, 2, { three: 3 }] },
}
`;

let home: string;
let dir: string;
let configPath: string;

beforeEach(() => {
  home = makeTempDir('openclaw-configure-');
  dir = path.join(home, '.openclaw');
  configPath = path.join(dir, 'openclaw.json');
});

afterEach(() => removeTempDir(home));

function writeUserConfig(text = USER_CONFIG, mode = 0o600): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(configPath, text);
  chmodSync(configPath, mode);
}

function profile(route: ProfileInput['route']) {
  return profileSchema.parse({ id: 'studio', name: 'Studio', route });
}

const sshProfile = profile({
  kind: 'ssh',
  target: 'alice@studio.tail1234.ts.net',
  identityFile: '~/.ssh/id_ed25519',
  remotePort: 18790,
});

/** What `configure()` writes as gateway.remote for sshProfile through local port 41234. */
const SSH_REMOTE = {
  transport: 'ssh',
  url: 'ws://127.0.0.1:41234',
  remotePort: 18790,
  sshTarget: 'alice@studio.tail1234.ts.net',
  sshIdentity: '~/.ssh/id_ed25519',
  token: TOKEN,
};

function configure(request: Partial<ConfigureCliRequest> = {}) {
  return configureOpenclawCli(
    { profile: sshProfile, token: TOKEN, tunnelLocalPort: 41234, ...request },
    { env: {}, homeDir: home, system: testSystem() },
  );
}

function readConfig(file = configPath): Record<string, unknown> {
  return JSON5.parse(readFileSync(file, 'utf8'));
}

/** The config without gateway.mode and gateway.remote: what the app must leave exactly as it was. */
function outsideRemote(config: Record<string, unknown>): unknown {
  const { mode: _mode, remote: _remote, ...gateway } = config.gateway as Record<string, unknown>;
  return { ...config, gateway };
}

describe('configuring the OpenClaw CLI for a profile', () => {
  it('points an SSH profile at our tunnel’s local port and keeps every other key', async () => {
    writeUserConfig();
    const result = await configure();
    const written = readConfig();
    expect(written.gateway).toMatchObject({ mode: 'remote' });
    expect((written.gateway as Record<string, unknown>).remote).toEqual(SSH_REMOTE);
    expect(outsideRemote(written)).toEqual(outsideRemote(JSON5.parse(USER_CONFIG)));
    expect(result).toEqual({
      configPath,
      changed: true,
      created: false,
      set: [
        'gateway.mode',
        'gateway.remote.transport',
        'gateway.remote.url',
        'gateway.remote.remotePort',
        'gateway.remote.sshTarget',
        'gateway.remote.sshIdentity',
        'gateway.remote.token',
      ],
      removed: ['gateway.remote.password', 'gateway.remote.tlsFingerprint', 'gateway.remote.edgeAuth'],
      backupPath: `${configPath}.bak`,
      commentsDropped: true,
      modeTightened: false,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('keeps the old file byte for byte in openclaw.json.bak (owner-only) and leaves no temp file behind', async () => {
    writeUserConfig();
    await configure();
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toBe(USER_CONFIG);
    expect(statSync(`${configPath}.bak`).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['openclaw.json', 'openclaw.json.bak']);
  });

  it('keeps the file’s mode, but takes group and other access away once the file holds the token', async () => {
    writeUserConfig(USER_CONFIG, 0o400);
    expect(await configure()).toMatchObject({ modeTightened: false });
    expect(statSync(configPath).mode & 0o777).toBe(0o400);

    writeUserConfig(USER_CONFIG, 0o644);
    expect(await configure({ tunnelLocalPort: 41235 })).toMatchObject({ modeTightened: true });
    expect(statSync(configPath).mode & 0o777).toBe(0o600);

    writeUserConfig(USER_CONFIG, 0o644);
    const open = profile({ kind: 'direct', url: 'wss://gw.example.com' });
    expect(await configure({ profile: open, token: undefined })).toMatchObject({ modeTightened: false });
    expect(statSync(configPath).mode & 0o777).toBe(0o644);
  });

  it('switching to a direct profile removes the SSH keys and keeps proxy headers only for the same origin', async () => {
    writeUserConfig();
    await configure();
    const pin = `sha256:${'cd'.repeat(32)}`;
    const direct = profile({ kind: 'direct', url: 'wss://old.example.com/', tlsFingerprint: pin });
    const result = await configure({ profile: direct, tunnelLocalPort: undefined });
    expect((readConfig().gateway as Record<string, unknown>).remote).toEqual({
      transport: 'direct',
      url: 'wss://old.example.com/',
      token: TOKEN,
      tlsFingerprint: pin,
    });
    expect(result.removed).toEqual([
      'gateway.remote.remotePort',
      'gateway.remote.sshTarget',
      'gateway.remote.sshIdentity',
    ]);

    // The user's edge-auth headers for that origin are kept when only the pin changes.
    const remote = (readConfig().gateway as Record<string, unknown>).remote as Record<string, unknown>;
    writeUserConfig(JSON.stringify({ gateway: { mode: 'remote', remote: { ...remote, edgeAuth: { 'X-A': 'b' } } } }));
    await configure({ profile: profile({ kind: 'direct', url: 'wss://old.example.com/' }) });
    expect((readConfig().gateway as Record<string, unknown>).remote).toEqual({
      transport: 'direct',
      url: 'wss://old.example.com/',
      token: TOKEN,
      edgeAuth: { 'X-A': 'b' },
    });
  });

  it('writes a Tailscale URL route as direct, and a Tailscale SSH route like an SSH one with its port', async () => {
    writeUserConfig();
    const device = { kind: 'tailscale', deviceId: 'nABC123', deviceName: 'studio' } as const;
    await configure({ profile: profile({ ...device, via: { kind: 'url', url: 'wss://studio.tail1234.ts.net' } }) });
    expect((readConfig().gateway as Record<string, unknown>).remote).toEqual({
      transport: 'direct',
      url: 'wss://studio.tail1234.ts.net',
      token: TOKEN,
    });
    await configure({
      profile: profile({ ...device, via: { kind: 'ssh', target: 'alice@studio', sshPort: 2222 } }),
    });
    expect((readConfig().gateway as Record<string, unknown>).remote).toEqual({
      transport: 'ssh',
      url: 'ws://127.0.0.1:41234',
      remotePort: 18789,
      sshTarget: 'alice@studio:2222',
      token: TOKEN,
    });
  });

  it('keeps the host-key policy for the same SSH target and resets it for another', async () => {
    writeUserConfig(
      JSON.stringify({
        gateway: { mode: 'remote', remote: { sshTarget: 'alice@studio.tail1234.ts.net', sshHostKeyPolicy: 'openssh' } },
      }),
    );
    await configure();
    expect(readConfig()).toMatchObject({ gateway: { remote: { sshHostKeyPolicy: 'openssh' } } });
    const result = await configure({ profile: profile({ kind: 'ssh', target: 'bob@other' }) });
    expect(result.removed).toContain('gateway.remote.sshHostKeyPolicy');
    expect(readConfig()).not.toHaveProperty('gateway.remote.sshHostKeyPolicy');
  });

  it('does not rewrite a file that already says all of this, and keeps older backups in a ring', async () => {
    writeUserConfig();
    await configure();
    const first = readFileSync(configPath, 'utf8');
    expect(await configure()).toMatchObject({ changed: false, set: [], removed: [] });
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toBe(USER_CONFIG);

    // The tunnel came back on another port.
    expect(await configure({ tunnelLocalPort: 41999 })).toMatchObject({
      changed: true,
      set: ['gateway.remote.url'],
      removed: [],
      commentsDropped: false,
    });
    expect(readFileSync(`${configPath}.bak`, 'utf8')).toBe(first);
    expect(readFileSync(`${configPath}.bak.1`, 'utf8')).toBe(USER_CONFIG);
  });

  it('creates ~/.openclaw (0700) and the file (0600) when there is none', async () => {
    const result = await configure();
    expect(result).toMatchObject({ configPath, changed: true, created: true, commentsDropped: false });
    expect(result).not.toHaveProperty('backupPath');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    expect(readConfig()).toEqual({ gateway: { mode: 'remote', remote: SSH_REMOTE } });
    expect(readdirSync(dir)).toEqual(['openclaw.json']);
  });

  it('writes through a symlinked config, so the link stays a link', async () => {
    const real = path.join(home, 'dotfiles', 'openclaw.json');
    mkdirSync(path.dirname(real));
    writeFileSync(real, USER_CONFIG);
    mkdirSync(dir);
    symlinkSync(real, configPath);
    await configure();
    expect(lstatSync(configPath).isSymbolicLink()).toBe(true);
    expect(readConfig(real)).toMatchObject({ gateway: { mode: 'remote' } });
    expect(readFileSync(`${real}.bak`, 'utf8')).toBe(USER_CONFIG);
  });

  it('refuses a file it cannot parse and leaves it byte-identical, with no backup or temp file', async () => {
    const broken = USER_CONFIG.replace('bind: "loopback",', 'bind: "loopback" "lan",');
    writeUserConfig(broken, 0o640);
    const error = await failureOf(configure());
    expect(error).toMatchObject({
      kind: 'openclaw-config-invalid',
      message: expect.stringMatching(/not valid JSON5: it breaks at line 8, column 22\. The app left it unchanged\.$/),
    });
    expect(readFileSync(configPath, 'utf8')).toBe(broken);
    expect(statSync(configPath).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['openclaw.json']);
  });

  it('refuses a config whose gateway.remote is not an object, and one that takes it from another file', async () => {
    writeUserConfig('{ gateway: { remote: "ssh" } }');
    expect(await failureOf(configure())).toMatchObject({
      kind: 'openclaw-config-invalid',
      message: expect.stringContaining('gateway.remote is a string, not an object'),
    });
    writeUserConfig('{ gateway: { $include: "./gateway.json5" } }');
    expect(await failureOf(configure())).toMatchObject({ kind: 'openclaw-config-include' });
    expect(readdirSync(dir)).toEqual(['openclaw.json']);
  });

  it('needs the tunnel’s port for an SSH profile and writes nothing without it', async () => {
    writeUserConfig();
    expect(await failureOf(configure({ tunnelLocalPort: undefined }))).toMatchObject({
      kind: 'openclaw-config-no-tunnel',
    });
    expect(readFileSync(configPath, 'utf8')).toBe(USER_CONFIG);
  });
});
