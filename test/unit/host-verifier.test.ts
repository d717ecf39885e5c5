// The host-key decision for each StrictHostKeyChecking mode: trusted and known keys pass silently, changed and
// revoked keys are refused in every mode with the file and line, unknown keys are refused, recorded or asked about,
// and a failing prompt or write refuses with a clear error instead of crashing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../electron/shared/errors';
import { hostKeyFingerprint } from '../../electron/main/services/ssh/host-key';
import { createHostVerifier, type HostVerifierOptions } from '../../electron/main/services/ssh/host-verifier';
import { formatKnownHostsEntry, hostFieldMatches } from '../../electron/main/services/ssh/known-hosts';
import type { HostTrustRequest, ResolvedSshConfig } from '../../electron/main/services/ssh/types';
import { createTestLog } from '../fixtures/silent-log';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

const ed25519 = () => Buffer.concat([sshString('ssh-ed25519'), sshString(randomBytes(32))]);
const rsa = () => Buffer.concat([sshString('ssh-rsa'), sshString(Buffer.from([1, 0, 1])), sshString(randomBytes(257))]);

const HOST = '10.0.0.5';
const PORT = 2222;

describe('host verifier', () => {
  let dir: string;
  let user: string;
  let global: string;
  let requests: HostTrustRequest[];
  let answer: () => Promise<boolean>;
  let log: ReturnType<typeof createTestLog>;

  beforeEach(() => {
    dir = makeTempDir('openclaw-host-verifier-');
    user = join(dir, '.ssh', 'known_hosts');
    global = join(dir, 'ssh_known_hosts');
    requests = [];
    answer = () => Promise.resolve(true);
    log = createTestLog();
  });

  afterEach(() => removeTempDir(dir));

  function config(overrides: Partial<ResolvedSshConfig> = {}): ResolvedSshConfig {
    return {
      target: `me@${HOST}:${PORT}`,
      hostname: HOST,
      port: PORT,
      user: 'me',
      identityFiles: [],
      identitiesOnly: false,
      identityAgent: undefined,
      proxyJump: [],
      serverAliveInterval: 15,
      serverAliveCountMax: 3,
      connectTimeout: undefined,
      userKnownHostsFiles: [user, join(dir, '.ssh', 'known_hosts2')],
      globalKnownHostsFiles: [global],
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      hostKeyAlias: undefined,
      ...overrides,
    };
  }

  function verifier(overrides: Partial<ResolvedSshConfig> = {}, extra: Partial<HostVerifierOptions> = {}) {
    return createHostVerifier({
      config: config(overrides),
      host: HOST,
      port: PORT,
      prompts: {
        trustHostKey: (request) => {
          requests.push(request);
          return answer();
        },
      },
      system: testSystem(),
      log: log.logger('ssh'),
      ...extra,
    });
  }

  function verify(v: ReturnType<typeof verifier>, key: Buffer): Promise<boolean> {
    return new Promise((resolve) => v.hostVerifier(key, resolve));
  }

  async function refusal(v: ReturnType<typeof verifier>, key: Buffer): Promise<AppError> {
    expect(await verify(v, key)).toBe(false);
    const outcome = v.outcome();
    expect(outcome).toBeDefined();
    return outcome as AppError;
  }

  function store(file: string, lines: string[]): void {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
  }

  const plain = (key: Buffer, host = HOST, port = PORT) => formatKnownHostsEntry({ host, port, key, hashed: false });

  const userLines = () => (existsSync(user) ? readFileSync(user, 'utf8').split('\n').filter(Boolean) : []);

  it('accepts a key trusted by another source without asking or writing', async () => {
    const key = ed25519();
    const v = verifier({ strictHostKeyChecking: 'yes' }, { trustedKeys: [ed25519(), key] });
    expect(await verify(v, key)).toBe(true);
    expect(v.outcome()).toBeUndefined();
    expect(requests).toEqual([]);
    expect(existsSync(user)).toBe(false);
  });

  it('accepts a trusted key even when a known_hosts file cannot be read, and logs why', async () => {
    const key = ed25519();
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const unreadable = testSystem({ files: { readFile: () => Promise.reject(denied) } });
    const v = verifier({}, { trustedKeys: [key], system: unreadable });
    expect(await verify(v, key)).toBe(true);
    expect(log.recent(10).some((entry) => entry.level === 'warn' && entry.message.includes('EACCES'))).toBe(true);
  });

  it('still refuses a trusted key that known_hosts marks @revoked', async () => {
    const key = ed25519();
    store(global, [`@revoked * ${plain(key).split(' ').slice(1).join(' ')}`]);
    const error = await refusal(verifier({}, { trustedKeys: [key] }), key);
    expect(error.kind).toBe('host-key-revoked');
  });

  it('accepts a key found in known_hosts silently, plain or hashed', async () => {
    const [a, b] = [ed25519(), rsa()];
    writeFileSync(global, `${plain(a)}\n${formatKnownHostsEntry({ host: HOST, port: PORT, key: b, hashed: true })}\n`);
    expect(await verify(verifier({ strictHostKeyChecking: 'yes' }), a)).toBe(true);
    expect(await verify(verifier({ strictHostKeyChecking: 'yes' }), b)).toBe(true);
    expect(requests).toEqual([]);
  });

  it.each(['ask', 'no', 'accept-new', 'yes'] as const)(
    'refuses a changed key with StrictHostKeyChecking=%s, naming file, line and both fingerprints',
    async (mode) => {
      const [stored, offered] = [ed25519(), ed25519()];
      store(user, ['# mine', plain(ed25519(), 'elsewhere', 22), plain(stored)]);
      const error = await refusal(verifier({ strictHostKeyChecking: mode }), offered);
      expect(error.kind).toBe('host-key-changed');
      expect(error.message).toContain(`${user} line 3`);
      expect(error.message).toContain(hostKeyFingerprint(stored));
      expect(error.message).toContain(hostKeyFingerprint(offered));
      expect(error.message).toMatch(/man-in-the-middle/);
      expect(error.hint).toContain(`ssh-keygen -R '[10.0.0.5]:2222' -f ${user}`);
      expect(requests).toEqual([]);
      expect(userLines()).toHaveLength(3);
    },
  );

  it('refuses a revoked key', async () => {
    const key = ed25519();
    store(user, [plain(key), `@revoked ${plain(key)}`]);
    const error = await refusal(verifier({ strictHostKeyChecking: 'no' }), key);
    expect(error.kind).toBe('host-key-revoked');
    expect(error.message).toContain(`${user} on line 2`);
  });

  it('refuses an unknown key under StrictHostKeyChecking=yes, with the fingerprint and a next step', async () => {
    const key = ed25519();
    const error = await refusal(verifier({ strictHostKeyChecking: 'yes' }), key);
    expect(error.kind).toBe('host-key-unknown');
    expect(error.message).toContain(hostKeyFingerprint(key));
    expect(error.hint).toMatch(/fingerprint/);
    expect(requests).toEqual([]);
    expect(existsSync(user)).toBe(false);
  });

  it('records an unknown key under accept-new and then knows it', async () => {
    const key = ed25519();
    expect(await verify(verifier({ strictHostKeyChecking: 'accept-new' }), key)).toBe(true);
    expect(requests).toEqual([]);
    expect(userLines()).toEqual([plain(key)]);
    expect(log.recent(10).some((entry) => entry.level === 'info' && entry.message.includes(user))).toBe(true);
    expect(await verify(verifier({ strictHostKeyChecking: 'yes' }), key)).toBe(true);
    expect(userLines()).toHaveLength(1);
  });

  it('asks under accept-new when keys of another type are on file for the host', async () => {
    store(user, [plain(rsa())]);
    const key = ed25519();
    expect(await verify(verifier({ strictHostKeyChecking: 'accept-new' }), key)).toBe(true);
    expect(requests).toEqual([expect.objectContaining({ keyType: 'ssh-ed25519', otherKeyTypesKnown: ['ssh-rsa'] })]);
    expect(userLines()).toHaveLength(2);
  });

  it.each(['ask', 'no'] as const)(
    'asks about an unknown key under %s and records it plain on approval',
    async (mode) => {
      const key = ed25519();
      const v = verifier({ strictHostKeyChecking: mode });
      expect(await verify(v, key)).toBe(true);
      expect(requests).toEqual([
        {
          host: HOST,
          port: PORT,
          keyType: 'ssh-ed25519',
          fingerprint: hostKeyFingerprint(key),
          knownHostsFile: user,
        },
      ]);
      expect(userLines()).toEqual([`[10.0.0.5]:2222 ssh-ed25519 ${key.toString('base64')}`]);
      expect(v.outcome()).toBeUndefined();
    },
  );

  it('records a hashed entry when HashKnownHosts is on', async () => {
    const key = ed25519();
    expect(await verify(verifier({ hashKnownHosts: true }), key)).toBe(true);
    const [line] = userLines();
    const [field, type, base64] = (line ?? '').split(' ');
    expect(field).toMatch(/^\|1\|/);
    expect(hostFieldMatches(field ?? '', '[10.0.0.5]:2222')).toBe(true);
    expect([type, base64]).toEqual(['ssh-ed25519', key.toString('base64')]);
  });

  it('refuses and records nothing when the person says no', async () => {
    answer = () => Promise.resolve(false);
    const key = ed25519();
    const error = await refusal(verifier(), key);
    expect(error.kind).toBe('host-key-refused');
    expect(error.message).toContain(hostKeyFingerprint(key));
    expect(existsSync(user)).toBe(false);
  });

  it('refuses with a clear error when the prompt fails', async () => {
    answer = () => Promise.reject(new Error('window closed'));
    const error = await refusal(verifier(), ed25519());
    expect(error).toMatchObject({ kind: 'host-key-prompt-failed', message: expect.stringContaining('window closed') });
    expect(existsSync(user)).toBe(false);
  });

  it('refuses, naming the file, when the approved key cannot be written', async () => {
    const v = verifier({}, { appendEntry: () => Promise.reject(new Error('disk full')) });
    const error = await refusal(v, ed25519());
    expect(error.kind).toBe('known-hosts-write-failed');
    expect(error.message).toContain(user);
    expect(error.message).toContain('disk full');
  });

  it('refuses when the known_hosts folder cannot be created', async () => {
    writeFileSync(join(dir, 'file'), '');
    const blocked = join(dir, 'file', 'known_hosts');
    const error = await refusal(
      verifier({ strictHostKeyChecking: 'accept-new', userKnownHostsFiles: [blocked] }),
      ed25519(),
    );
    expect(error.kind).toBe('known-hosts-write-failed');
    expect(error.message).toContain(blocked);
  });

  it('refuses an unknown key when no user known_hosts file is configured', async () => {
    const error = await refusal(verifier({ userKnownHostsFiles: ['none'] }), ed25519());
    expect(error.kind).toBe('host-key-unknown');
    expect(error.hint).toMatch(/UserKnownHostsFile/);
    expect(requests).toEqual([]);
  });

  it('stores and finds keys under the HostKeyAlias', async () => {
    const key = ed25519();
    expect(await verify(verifier({ hostKeyAlias: 'gateway-box', strictHostKeyChecking: 'accept-new' }), key)).toBe(
      true,
    );
    expect(userLines()).toEqual([`gateway-box ssh-ed25519 ${key.toString('base64')}`]);
    const changed = await refusal(verifier({ hostKeyAlias: 'gateway-box' }), ed25519());
    expect(changed.kind).toBe('host-key-changed');
    expect(changed.hint).toContain(`ssh-keygen -R gateway-box -f ${user}`);
  });

  it('accepts the same key again on re-key without asking, and refuses a different one', async () => {
    const key = ed25519();
    const v = verifier();
    expect(await verify(v, key)).toBe(true);
    expect(await verify(v, key)).toBe(true);
    expect(requests).toHaveLength(1);
    const error = await refusal(v, ed25519());
    expect(error.kind).toBe('host-key-changed');
  });

  it('refuses a malformed key without crashing', async () => {
    const error = await refusal(verifier(), Buffer.from([0, 0, 0, 99, 1]));
    expect(error.kind).toBe('host-key-malformed');
  });

  it('survives a verify callback that throws', async () => {
    const v = verifier();
    const called = new Promise<void>((resolve) =>
      v.hostVerifier(ed25519(), () => {
        resolve();
        throw new Error('connection already gone');
      }),
    );
    await called;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.recent(10).some((entry) => entry.message.includes('connection already gone'))).toBe(true);
  });
});
