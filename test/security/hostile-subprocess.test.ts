// Hostile input to every subprocess the app runs is data, never a command: SSH targets for the real `ssh -G`, IDs and
// user names for the Tailscale CLI (the fake records its argv), and arguments of commands run on the host over SSH
// (the real sshd, on this machine). Each payload would create a marker file if anything ran it; none appears.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSshConnection } from '../../electron/main/services/ssh/connect';
import { runRemoteCommand } from '../../electron/main/services/ssh/remote';
import { resolveSshConfig, sshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import { recordedCalls } from '../fixtures/fake-tailscale';
import { isExecutable } from '../fixtures/executables';
import { peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { configFor, pinnedHostVerifier } from '../fixtures/ssh-test-config';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';
import { openSecurityCore, type SecurityCore } from './app-core';
import { hostileText, markerPayloads } from './hostile-input';
import { isTypedError, typedOutcome } from './typed-outcome';

const SSH = '/usr/bin/ssh';
const scratch = makeTempDir('security-marker-');
const marker = join(scratch, 'MARKER');
const payloads = markerPayloads(marker);

afterAll(() => {
  expect(existsSync(marker), 'a hostile payload ran').toBe(false);
  removeTempDir(scratch);
});

describe.skipIf(!isExecutable(SSH))('ssh -G', () => {
  it('takes every hostile target, as a whole, as the user or as the host, as data', async () => {
    const home = makeTempDir('security-ssh-home-');
    const system = testSystem({ os: { homedir: () => home } });
    const deps = await sshConfigDeps(system, { PATH: process.env.PATH, HOME: home }, home);
    expect(deps.sshBinary).toBe(SSH);
    const targets = payloads.flatMap((payload) => [
      payload,
      `${payload}@127.0.0.1`,
      `me@${payload}`,
      `me@h:${payload}`,
    ]);
    for (const target of targets) await typedOutcome(() => resolveSshConfig(target, deps));
    // Arbitrary user names reach `ssh -l` as one argument; OpenSSH refuses the ones with shell characters.
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, fc.constantFrom(...payloads)), async (user) => {
        await typedOutcome(() => resolveSshConfig(`${user}@127.0.0.1`, deps));
        expect(existsSync(marker)).toBe(false);
      }),
      { numRuns: 40 },
    );
    expect(existsSync(marker)).toBe(false);
    removeTempDir(home);
  });
});

describe('the Tailscale CLI', () => {
  let core: SecurityCore;
  beforeAll(async () => {
    core = await openSecurityCore();
  });
  afterAll(async () => {
    await core.services.connection.shutdown();
    removeTempDir(core.home);
  });

  it('gets no hostile tailnet ID, device or user name in its arguments', async () => {
    const { router } = core.services;
    for (const payload of payloads) {
      for (const [channel, args] of [
        ['tailscale:switch', [{ id: payload }]],
        ['tailscale:use-device', [{ deviceId: payload, via: 'ssh' }]],
        ['tailscale:use-device', [{ deviceId: 'gateway-box', via: 'ssh', user: payload }]],
      ] as const) {
        const result = await router.invoke(channel, args);
        if (!result.ok) expect(isTypedError(result.error), JSON.stringify(result.error)).toBe(true);
      }
    }
    expect(existsSync(marker)).toBe(false);
    const argv = recordedCalls(core.tailscaleState).flatMap((call) => call.argv);
    expect(argv.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(argv).not.toContain(payload);
    expect(argv.join(' ')).not.toContain(marker);
  });
});

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'commands on the host over SSH',
  () => {
    let sshd: Sshd;
    let client: Client;
    const { clock } = testSystem();

    beforeAll(async () => {
      sshd = await startSshd();
      client = await openSshConnection({
        config: configFor(sshd, { identityFiles: [sshd.clientKeyPath] }),
        resolveHop: () => Promise.reject(new Error('no ProxyJump here')),
        makeHostVerifier: pinnedHostVerifier(sshd.hostPublicKey),
        prompts: { passphrase: () => Promise.resolve(undefined) },
        passphrases: new Map(),
        allowPassword: false,
        system: testSystem(),
        log: createTestLog().logger('ssh'),
      });
    });

    afterAll(async () => {
      client?.end();
      await sshd?.stop();
    });

    it('hands the remote program each hostile argument byte for byte, and the shell runs none', async () => {
      const argument = fc.oneof(hostileText, fc.constantFrom(...payloads)).filter((text) => !text.includes('\0'));
      await fc.assert(
        fc.asyncProperty(fc.array(argument, { minLength: 1, maxLength: 4 }), async (args) => {
          const result = await runRemoteCommand(client, ['printf', '%s\\0', ...args], {
            clock,
            timeoutMs: 10_000,
            maxOutputBytes: 1_000_000,
          });
          expect(result.code, result.stderr).toBe(0);
          // printf gets bytes; a lone UTF-16 surrogate has none, so compare as the remote program saw it.
          expect(result.stdout).toBe(args.map((arg) => `${Buffer.from(arg).toString('utf8')}\0`).join(''));
          expect(existsSync(marker)).toBe(false);
        }),
        // Each run opens a session and a login shell on the host, most of a second on 2 cores.
        { numRuns: 15 },
      );
    });
  },
);
