// Property-based fuzzing of every contract channel through the router, over the core the browser host and the CLI
// run: a payload the contract refuses gets the invalid-payload AppError and changes no saved byte; a payload the
// contract accepts gets a value or a typed AppError (never "internal", which means an exception escaped), and a
// refusal still changes no saved byte. Nothing may end in an unhandled rejection.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { REQUEST_CHANNELS, requests, type RequestChannel } from '../../electron/shared/contract';
import { recordedCalls } from '../fixtures/fake-tailscale';
import { removeTempDir } from '../fixtures/temp-dir';
import { openSecurityCore, snapshotFiles, type SecurityCore } from './app-core';
import { hostileText, hostileValue, markerPayloads } from './hostile-input';
import { isTypedError } from './typed-outcome';

// About 20 ms per request that reaches a handler (settings written, the fake tailscale run) on 2 cores.
const INVALID_RUNS = { numRuns: 60 };
const HANDLER_RUNS = { numRuns: 40 };
/** profiles:save has the most to check (route, target, identity file, token, ID or name), so it gets more runs. */
const SAVE_RUNS = { numRuns: 200 };
/** Each of these runs the fake tailscale CLI (a Node process), about 0.3 s. */
const TAILSCALE_RUNS = { numRuns: 12 };
/** Channels without arguments: a few calls show they answer; more would repeat the same request. */
const CONSTANT_RUNS = { numRuns: 2 };

function runsFor(channel: RequestChannel): { numRuns: number } {
  if (channel === 'profiles:save') return SAVE_RUNS;
  if (channel.startsWith('tailscale:')) return TAILSCALE_RUNS;
  return requests[channel].args.def.items.length === 0 ? CONSTANT_RUNS : HANDLER_RUNS;
}

let core: SecurityCore;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  core = await openSecurityCore();
  // A saved profile with a token, so there are settings and secrets whose bytes must survive every refusal.
  const seeded = await core.services.router.invoke('profiles:save', [
    {
      name: 'Seeded Gateway',
      route: { kind: 'ssh', target: 'seed@127.0.0.1:1' },
      token: 'seeded-token-0123456789',
      primary: true,
    },
  ]);
  expect(seeded.ok).toBe(true);
});

afterAll(async () => {
  await core.services.connection.shutdown();
  process.off('unhandledRejection', onUnhandled);
  removeTempDir(core.home);
  expect(unhandled).toEqual([]);
});

/** The keys of a channel's argument object, so fuzzed objects look like the real thing and reach deeper checks. */
function argumentKeys(channel: RequestChannel): string[] {
  const [item] = (requests[channel].args as z.ZodTuple).def.items;
  return item !== undefined && 'shape' in item ? Object.keys(item.shape as object) : [];
}

const routeLike = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('ssh', 'tailscale', 'direct', 'url'), hostileValue),
    target: hostileValue,
    url: hostileValue,
    sshPort: hostileValue,
    localPort: hostileValue,
    identityFile: hostileValue,
    deviceId: hostileValue,
    via: fc.oneof(
      fc.record({ kind: fc.constantFrom('url', 'ssh'), url: hostileValue, target: hostileValue }),
      hostileValue,
    ),
    extra: hostileValue,
  },
  { requiredKeys: ['kind'] },
);

function nearlyValidArgs(channel: RequestChannel): fc.Arbitrary<unknown> {
  const keys = argumentKeys(channel);
  const field = fc.oneof(hostileValue, routeLike);
  const object = fc.record(Object.fromEntries(keys.map((key) => [key, field])), { requiredKeys: [] });
  return fc.oneof(
    hostileValue,
    fc.array(hostileValue, { maxLength: 3 }),
    fc.tuple(object),
    fc.tuple(object, hostileValue),
  );
}

describe('router: payloads the contract refuses', () => {
  it.each(REQUEST_CHANNELS)('%s: invalid-payload, and no saved byte changes', async (channel) => {
    const { router } = core.services;
    const spec = requests[channel];
    const before = snapshotFiles(core.dataDir);
    await fc.assert(
      fc.asyncProperty(
        nearlyValidArgs(channel).filter((args) => !spec.args.safeParse(args).success),
        async (args) => {
          const result = await router.invoke(channel, args);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(isTypedError(result.error), JSON.stringify(result.error)).toBe(true);
          expect(result.error.kind).toBe('invalid-payload');
          for (const field of result.error.fields ?? []) expect(typeof field.message).toBe('string');
        },
      ),
      INVALID_RUNS,
    );
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });

  it('answers any channel name that is not in the contract with unknown-channel', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileValue.filter((name) => !(REQUEST_CHANNELS as readonly unknown[]).includes(name)),
        async (name) => {
          const result = await core.services.router.invoke(name, []);
          expect(result).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---- Payloads the contract accepts, with hostile text wherever the contract allows text ----

/** Never the name or ID of a saved profile, so no fuzzed request connects anywhere (a fuzzed host is not loopback). */
const missingRef = fc.uuid().map((uuid) => `nonexistent-${uuid}`);
/** Mostly what a person would type, so that requests get past the first check to the deeper ones. */
function mostly<T>(usual: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: hostile });
}
const text = fc.oneof(hostileText, fc.constantFrom(...markerPayloads('/nonexistent/marker')));
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
const name = mostly(word, text);
const token = mostly(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), text);
const port = fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(1, 22, 65535));
/** user@host:port built from hostile pieces: it passes the contract and meets the SSH target parser. */
const target = fc.oneof(
  fc
    .tuple(
      fc.option(mostly(word, hostileText)),
      mostly(word, hostileText),
      fc.option(mostly(port.map(String), hostileText)),
    )
    .map(([user, host, p]) => `${user === null ? '' : `${user}@`}${host}${p === null ? '' : `:${p}`}`)
    .filter((value) => value !== ''),
  text,
);
const sshRoute = fc.record(
  {
    kind: fc.constant('ssh' as const),
    target,
    sshPort: port,
    identityFile: text,
    localPort: fc.integer({ min: 0, max: 65535 }),
    remotePort: port,
    useEphemeralPortIfBusy: fc.boolean(),
    allowPassword: fc.boolean(),
  },
  { requiredKeys: ['kind', 'target'] },
);
const urlText = fc.oneof(
  text,
  fc
    .tuple(fc.constantFrom('ws://', 'wss://'), mostly(word, text), fc.constantFrom('', ':18789', ':0', ':99999'))
    .map((parts) => parts.join('')),
);
const directRoute = fc.record(
  {
    kind: fc.constant('direct' as const),
    url: urlText,
    tlsFingerprint: fc.oneof(
      text,
      fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`),
    ),
    acceptInsecure: fc.boolean(),
  },
  { requiredKeys: ['kind', 'url'] },
);
const tailscaleRoute = fc.record({
  kind: fc.constant('tailscale' as const),
  deviceId: name,
  deviceName: name,
  via: fc.oneof(
    fc.record({ kind: fc.constant('url' as const), url: urlText }),
    sshRoute.map((route) => ({ ...route, hostKeys: [] as string[] })),
  ),
});
const route = fc.oneof(sshRoute, directRoute, tailscaleRoute);

/**
 * Each channel with arguments that mostly pass the contract. Left out: tailscale:scan and use-device by URL, whose
 * discovery probes the fake tailnet's 100.x addresses, which are not this machine's.
 */
const ACCEPTED: Partial<Record<RequestChannel, fc.Arbitrary<unknown[]>>> = {
  'app:info': fc.constant([]),
  'log:recent': fc.tuple(fc.record({ limit: fc.integer({ min: 1, max: 5000 }) })),
  'settings:problems': fc.constant([]),
  'settings:dismiss-notice': fc.tuple(fc.record({ kind: text, message: text })),
  'profiles:list': fc.constant([]),
  'profiles:get': fc.tuple(fc.record({ id: fc.oneof(text, missingRef) }, { requiredKeys: [] })),
  'profiles:save': fc.tuple(
    fc.record(
      {
        // Mostly a new profile; sometimes a replacement of one that may exist.
        id: fc.option(fc.oneof(name, missingRef), { freq: 4, nil: undefined }),
        name,
        route,
        configureOpenclaw: fc.boolean(),
        token,
        clearToken: fc.boolean(),
        primary: fc.constant(false),
      },
      { requiredKeys: ['name', 'route'] },
    ),
  ),
  'profiles:remove': fc.tuple(fc.record({ id: missingRef })),
  'profiles:set-primary': fc.tuple(fc.record({ id: fc.oneof(text, missingRef) })),
  'profiles:fetch-token': fc.tuple(fc.record({ id: missingRef })),
  'connection:status': fc.constant([]),
  'connection:connect': fc.tuple(fc.record({ profileId: missingRef })),
  'connection:retry-now': fc.constant([]),
  'tailscale:watch': fc.constant([{ watching: false }]),
  'tailscale:tailnets': fc.constant([]),
  'tailscale:switch': fc.tuple(fc.record({ id: fc.oneof(text, fc.constantFrom('a1b2', 'c3d4')) })),
  'tailscale:use-device': fc.tuple(
    fc.record(
      {
        deviceId: mostly(fc.constantFrom('gateway-box', 'nBCqx71UC621CNTRL', 'pi-home.tail1a2b3c.ts.net'), text),
        via: fc.constant('ssh' as const),
        user: mostly(word, text),
        name,
        token,
        primary: fc.constant(false),
      },
      { requiredKeys: ['deviceId', 'via'] },
    ),
  ),
  'openclaw:import-offer': fc.constant([]),
  'openclaw:import': fc.tuple(fc.record({ accept: fc.boolean() })),
  'prompt:answer': fc.tuple(
    fc.record({
      id: text,
      answer: fc.oneof(
        fc.record({ trust: fc.boolean() }),
        fc.record({ passphrase: fc.option(text, { nil: null }), remember: fc.boolean() }),
      ),
    }),
  ),
  'doctor:run': fc.tuple(fc.record({ profileId: missingRef })),
  // The seeded profile by name too: its host key is looked up (none on file) and its device token forgotten.
  'security:overview': fc.tuple(
    fc.record({ profileId: fc.oneof(text, missingRef, fc.constant('Seeded Gateway')) }, { requiredKeys: [] }),
  ),
  'security:forget-host-key': fc.tuple(
    fc.record(
      {
        profileId: fc.oneof(missingRef, fc.constant('Seeded Gateway')),
        expected: fc.array(fc.record({ file: text, line: fc.integer({ min: 1, max: 2 ** 31 }), fingerprint: text })),
      },
      { requiredKeys: ['profileId'] },
    ),
  ),
  'security:forget-device-token': fc.tuple(
    fc.record({ profileId: fc.oneof(missingRef, fc.constant('Seeded Gateway')) }),
  ),
};

describe('router: a refused token on an existing profile', () => {
  // Fuzzing found it: a blank token for a saved profile was refused after the profile's new fields were written.
  it('changes nothing, the fields that came with it included', async () => {
    const { router } = core.services;
    const listed = await router.invoke('profiles:list', []);
    if (!listed.ok) throw new Error(listed.error.message);
    const [saved] = (listed.value as { profiles: { id: string; route: unknown }[] }).profiles;
    if (!saved) throw new Error('the seeded profile is missing');
    const before = snapshotFiles(core.dataDir);
    const result = await router.invoke('profiles:save', [
      { id: saved.id, name: 'Renamed', route: saved.route, token: ' ' },
    ]);
    expect(result).toMatchObject({ ok: false });
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });
});

describe('router: payloads the contract accepts', () => {
  it.each(Object.keys(ACCEPTED) as RequestChannel[])(
    '%s: a value or a typed error, and a refusal changes no saved byte',
    async (channel) => {
      const { router } = core.services;
      await fc.assert(
        fc.asyncProperty(ACCEPTED[channel] as fc.Arbitrary<unknown[]>, async (args) => {
          const before = snapshotFiles(core.dataDir);
          const result = await router.invoke(channel, args);
          if (result.ok) return;
          expect(isTypedError(result.error), JSON.stringify(result.error)).toBe(true);
          expect(result.error.kind, result.error.message).not.toBe('internal');
          expect(snapshotFiles(core.dataDir)).toEqual(before);
        }),
        runsFor(channel),
      );
    },
  );

  it('hands the Tailscale CLI only the IDs it listed, each as one argument', () => {
    const calls = recordedCalls(core.tailscaleState);
    expect(calls.length).toBeGreaterThan(0);
    for (const { argv } of calls) {
      expect(argv[0], JSON.stringify(argv)).toMatch(/^(status|switch|version)$/);
      if (argv[0] === 'switch') expect(argv.slice(1), JSON.stringify(argv)).toSatisfy(isListOrKnownId);
    }
  });
});

function isListOrKnownId(rest: string[]): boolean {
  return (rest.length === 1 && (rest[0] === '--list' || rest[0] === 'a1b2' || rest[0] === 'c3d4')) || false;
}
