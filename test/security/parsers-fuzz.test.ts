// Property-based fuzzing of every parser that reads text from outside the app: SSH targets, known_hosts lines, the
// ssh config file, `ssh -G` output, `tailscale status --json` and `switch --list`, Gateway frames, and OpenClaw
// configs (this Mac's and a host's, JSON5). Each must give a value or a typed AppError, never another exception.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import fc from 'fast-check';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import {
  challengeSchema,
  gatewayErrorSchema,
  helloOkSchema,
  parseFrame,
  shutdownSchema,
} from '../../electron/main/services/gateway/frames';
import { GATEWAY_SETTINGS_PARTS, interpretGatewayConfig } from '../../electron/main/services/gateway/gateway-settings';
import type { HostEnvironment } from '../../electron/main/services/gateway/host-access';
import { readHostOpenclawConfig } from '../../electron/main/services/gateway/host-openclaw-config';
import { importOpenclawRemote } from '../../electron/main/services/openclaw-config/import-remote';
import { hostFieldMatches, parseKnownHosts } from '../../electron/main/services/ssh/known-hosts';
import { resolveSshConfig, sshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import { parseTarget } from '../../electron/main/services/ssh/target';
import { statusFromCli } from '../../electron/main/services/tailscale/status';
import { listTailnets } from '../../electron/main/services/tailscale/switch';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';
import { hostileJson, hostileText } from './hostile-input';
import { typedOutcome, typedOutcomeSync } from './typed-outcome';

// Parsers are cheap: many runs each still take well under a second.
const RUNS = { numRuns: 1000 };
const ASYNC_RUNS = { numRuns: 300 };

const ED25519_BLOB = Buffer.concat([
  Buffer.from([0, 0, 0, 11]),
  Buffer.from('ssh-ed25519'),
  Buffer.from([0, 0, 0, 32]),
  Buffer.alloc(32, 7),
]).toString('base64');

describe('SSH target parser', () => {
  it('gives a target or an invalid-target error, and never lets an option or a shell character through', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const outcome = typedOutcomeSync(() => parseTarget(text));
        if (!outcome.ok) {
          expect(outcome.error.kind).toBe('invalid-target');
          return;
        }
        const { host, user } = outcome.value;
        expect(text.startsWith('-')).toBe(false);
        expect(host.startsWith('-')).toBe(false);
        expect(host).not.toMatch(/[\s'`"$\\;&<>|(){},]/u);
        expect(user ?? '').not.toMatch(/\s/u);
      }),
      RUNS,
    );
  });
});

describe('known_hosts parser', () => {
  const line = fc
    .tuple(
      fc.constantFrom('', '@revoked ', '@cert-authority ', '@bogus ', '#'),
      hostileText,
      fc.constantFrom('ssh-ed25519', 'ssh-rsa', 'x', ''),
      fc.oneof(fc.constant(ED25519_BLOB), fc.base64String(), hostileText),
      hostileText,
    )
    .map(([marker, hosts, type, key, comment]) => `${marker}${hosts} ${type} ${key} ${comment}`);
  const lines = fc.array(fc.oneof(line, hostileText), { maxLength: 6 });

  it('reads any file text into entries without throwing, and matches any host field without throwing', () => {
    fc.assert(
      fc.property(lines, fc.constantFrom('\n', '\r\n'), hostileText, (text, newline, name) => {
        const entries = parseKnownHosts(text.join(newline));
        for (const entry of entries) {
          expect(entry.line).toBeGreaterThan(0);
          expect(Buffer.isBuffer(entry.key)).toBe(true);
          expect(typeof hostFieldMatches(entry.hosts, name)).toBe('boolean');
        }
        expect(typeof hostFieldMatches(name, 'example.com')).toBe('boolean');
      }),
      RUNS,
    );
  });
});

const SSH_KEYWORDS = [
  'Host',
  'Match',
  'HostName',
  'User',
  'Port',
  'IdentityFile',
  'IdentitiesOnly',
  'IdentityAgent',
  'ProxyJump',
  'ProxyCommand',
  'ServerAliveInterval',
  'ServerAliveCountMax',
  'ConnectTimeout',
  'UserKnownHostsFile',
  'GlobalKnownHostsFile',
  'StrictHostKeyChecking',
  'HashKnownHosts',
  'HostKeyAlias',
  'CanonicalDomains',
  'Include',
];
const sshConfigLine = fc
  .tuple(
    fc.constantFrom(...SSH_KEYWORDS),
    fc.constantFrom(' ', '=', ' = ', '\t'),
    fc.oneof(hostileText, fc.constantFrom('yes', 'no', 'none', 'ask', '*', '22', '~/x', '%h:%p', '"a b"')),
  )
  .map(([keyword, separator, value]) => `${keyword}${separator}${value}`);
const sshConfigText = fc
  .array(fc.oneof({ weight: 4, arbitrary: sshConfigLine }, { weight: 1, arbitrary: hostileText }), { maxLength: 8 })
  .map((lines) => lines.join('\n'));

/** In-memory files for the resolver: nothing of the fuzzed text touches the disk, and nothing runs. */
function sshDeps(home: string, config: string, sshG: string | undefined) {
  const system = testSystem({
    files: {
      readFile: (() => Promise.resolve(config)) as never,
      mkdtemp: ((prefix: string) => Promise.resolve(`${prefix}fuzz`)) as never,
      writeFile: () => Promise.resolve(),
      rm: () => Promise.resolve(),
    },
    processes: {
      execFile: () =>
        sshG === undefined
          ? Promise.reject(new Error('the config-file path must not run a subprocess'))
          : Promise.resolve({ stdout: sshG, stderr: '' }),
    },
  });
  return { system, home };
}

describe('ssh config resolution', () => {
  const home = makeTempDir('fuzz-ssh-home-');
  const target = fc.oneof(fc.constantFrom('gw', 'alice@gw:2222', 'host.example'), hostileText);

  it('reads any ~/.ssh/config (no ssh binary) into a config or a typed error', async () => {
    const base = await sshConfigDeps(testSystem(), {}, userInfo().homedir);
    await fc.assert(
      fc.asyncProperty(sshConfigText, target, async (config, text) => {
        const deps = { ...base, ...sshDeps(home, config, undefined), sshBinary: undefined };
        const outcome = await typedOutcome(() => resolveSshConfig(text, deps));
        if (outcome.ok) expect(outcome.value.port).toBeGreaterThan(0);
      }),
      ASYNC_RUNS,
    );
  });

  const SSH_G_KEYS = [
    'hostname',
    'port',
    'user',
    'identityfile',
    'identitiesonly',
    'identityagent',
    'proxyjump',
    'serveraliveinterval',
    'serveralivecountmax',
    'connecttimeout',
    'userknownhostsfile',
    'globalknownhostsfile',
    'stricthostkeychecking',
    'hashknownhosts',
    'hostkeyalias',
  ];
  const sshGLine = fc
    .tuple(fc.constantFrom(...SSH_G_KEYS), fc.oneof(hostileText, fc.constantFrom('none', 'yes', 'no', '22', 'false')))
    .map(([key, value]) => `${key} ${value}`);
  const sshGOutput = fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof({ weight: 4, arbitrary: sshGLine }, { weight: 1, arbitrary: hostileText }), { maxLength: 10 }),
    )
    .map(([complete, lines]) => [...(complete ? ['hostname h', 'port 22', 'user u'] : []), ...lines].join('\n'));

  it('reads any `ssh -G` output into a config or a typed error', async () => {
    const base = await sshConfigDeps(testSystem(), {}, userInfo().homedir);
    await fc.assert(
      fc.asyncProperty(sshGOutput, async (output) => {
        const deps = { ...base, ...sshDeps(home, '', output), sshBinary: '/usr/bin/ssh' };
        await typedOutcome(() => resolveSshConfig('gw', deps));
      }),
      ASYNC_RUNS,
    );
  });
});

describe('Tailscale CLI output', () => {
  const peer = fc.record(
    {
      ID: hostileJson,
      HostName: hostileJson,
      DNSName: fc.oneof(hostileText, fc.constant('box.tail1.ts.net.')),
      OS: hostileJson,
      TailscaleIPs: fc.oneof(fc.array(fc.oneof(hostileText, fc.constantFrom('100.64.0.1', 'fd7a::1'))), hostileJson),
      Tags: hostileJson,
      Online: hostileJson,
      LastSeen: fc.oneof(hostileText, fc.constant('0001-01-01T00:00:00Z')),
      KeyExpiry: fc.oneof(
        hostileText,
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      ),
      UserID: hostileJson,
    },
    { requiredKeys: [] },
  );
  const status = fc.record(
    {
      BackendState: fc.oneof(
        fc.constantFrom('Running', 'NeedsLogin', 'Stopped', 'Starting', 'NeedsMachineAuth', 'NoState'),
        hostileJson,
      ),
      AuthURL: hostileJson,
      Self: fc.oneof(peer, hostileJson),
      Health: hostileJson,
      MagicDNSSuffix: hostileJson,
      CurrentTailnet: fc.oneof(fc.record({ Name: hostileJson, MagicDNSSuffix: hostileJson }), hostileJson),
      Peer: fc.oneof(fc.dictionary(hostileText, peer, { maxKeys: 4 }), hostileJson),
      User: fc.oneof(fc.dictionary(hostileText, fc.record({ LoginName: hostileJson })), hostileJson),
    },
    { requiredKeys: [] },
  );
  const stdout = fc.oneof(
    { weight: 4, arbitrary: status.map((value) => JSON.stringify(value) ?? '') },
    {
      weight: 1,
      arbitrary: fc.tuple(hostileText, status).map(([noise, value]) => `${noise}\n${JSON.stringify(value)}`),
    },
    { weight: 1, arbitrary: hostileText },
  );

  it('turns any `status --json` answer into a status or a typed error', () => {
    fc.assert(
      fc.property(stdout, fc.integer({ min: 0, max: 255 }), hostileText, (out, code, stderr) => {
        const result = statusFromCli('/usr/bin/tailscale', { kind: 'exited', code, stdout: out, stderr }, Date.now());
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.kind).toMatch(/^tailscale-/);
      }),
      RUNS,
    );
  });

  it('reads any `switch --list` table into tailnets or a typed error', async () => {
    const table = fc
      .array(fc.tuple(hostileText, hostileText, hostileText), { maxLength: 4 })
      .map((rows) => ['ID    Tailnet    Account', ...rows.map((row) => row.join('    '))].join('\n'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(table, hostileText), async (out) => {
        const result = await listTailnets('/usr/bin/tailscale', () =>
          Promise.resolve({ kind: 'exited', code: 0, stdout: out, stderr: '' }),
        );
        expect(typeof result.ok).toBe('boolean');
      }),
      ASYNC_RUNS,
    );
  });
});

describe('Gateway frames', () => {
  const frame = fc.record(
    {
      type: fc.oneof(fc.constantFrom('res', 'event', 'req', 'hello-ok'), hostileJson),
      id: hostileJson,
      ok: hostileJson,
      event: fc.oneof(fc.constantFrom('connect.challenge', 'shutdown', 'tick', 'health'), hostileJson),
      seq: hostileJson,
      payload: fc.oneof(
        fc.record(
          {
            nonce: hostileJson,
            ts: hostileJson,
            reason: hostileJson,
            restartExpectedMs: hostileJson,
            type: hostileJson,
            protocol: hostileJson,
            server: hostileJson,
            auth: hostileJson,
            policy: hostileJson,
          },
          { requiredKeys: [] },
        ),
        hostileJson,
      ),
      error: fc.oneof(fc.record({ code: hostileJson, message: hostileJson, retryAfterMs: hostileJson }), hostileJson),
    },
    { requiredKeys: [] },
  );

  it('reads any message into a frame or a reason, and checks any payload without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          frame.map((value) => JSON.stringify(value) ?? 'undefined'),
          hostileText,
          fc.json(),
        ),
        (text) => {
          const parsed = parseFrame(text);
          if (!parsed.ok) {
            expect(typeof parsed.reason).toBe('string');
            return;
          }
          const payload = parsed.frame.payload;
          for (const schema of [challengeSchema, helloOkSchema, shutdownSchema, gatewayErrorSchema]) {
            expect(typeof schema.safeParse(payload).success).toBe('boolean');
          }
        },
      ),
      RUNS,
    );
  });
});

// ---- OpenClaw configs (JSON5) ----

const secretInput = fc.oneof(
  hostileJson,
  fc.record({ source: fc.constantFrom('env', 'file', 'exec', 'bogus'), provider: hostileJson, id: hostileJson }),
  fc.constantFrom('${OPENCLAW_GATEWAY_TOKEN}', 'change-me', '[redacted]', 'a'.repeat(40)),
);
const openclawConfig = fc.record(
  {
    gateway: fc.oneof(
      fc.record(
        {
          mode: fc.oneof(fc.constantFrom('local', 'remote'), hostileJson),
          port: fc.oneof(fc.integer({ min: -10, max: 70000 }), hostileJson),
          auth: fc.oneof(
            fc.record(
              {
                mode: fc.oneof(fc.constantFrom('none', 'token', 'password', 'trusted-proxy'), hostileJson),
                token: secretInput,
                password: secretInput,
              },
              { requiredKeys: [] },
            ),
            hostileJson,
          ),
          remote: fc.oneof(
            fc.record(
              {
                url: fc.oneof(fc.constantFrom('ws://127.0.0.1:18789', 'wss://gw.example'), hostileText, hostileJson),
                sshTarget: fc.oneof(hostileText, hostileJson),
                transport: fc.oneof(fc.constantFrom('ssh', 'direct'), hostileJson),
                token: secretInput,
                password: secretInput,
                tlsFingerprint: hostileJson,
                sshIdentity: hostileJson,
              },
              { requiredKeys: [] },
            ),
            hostileJson,
          ),
        },
        { requiredKeys: [] },
      ),
      hostileJson,
    ),
    secrets: hostileJson,
    $include: fc.oneof(fc.constantFrom('./other.json5', '../../etc/passwd', '/dev/zero'), hostileJson),
  },
  { requiredKeys: [] },
);

/** As a person might write it: JSON, JSON5 with comments, or something broken. */
const configText = fc.oneof(
  { weight: 3, arbitrary: openclawConfig.map((config) => JSON.stringify(config) ?? '') },
  {
    weight: 2,
    arbitrary: openclawConfig.map((config) => `// a comment\n${JSON5.stringify(config, null, 2) ?? ''}`),
  },
  { weight: 1, arbitrary: fc.tuple(openclawConfig, fc.nat()).map(([c, cut]) => JSON5.stringify(c).slice(0, cut)) },
  { weight: 1, arbitrary: hostileText },
);

describe('OpenClaw config on this Mac', () => {
  it('imports any ~/.openclaw/openclaw.json as a profile offer, nothing, or a typed error', async () => {
    const home = makeTempDir('fuzz-openclaw-home-');
    mkdirSync(join(home, '.openclaw'));
    const file = join(home, '.openclaw', 'openclaw.json');
    const system = testSystem();
    await fc.assert(
      fc.asyncProperty(configText, async (text) => {
        writeFileSync(file, text);
        await typedOutcome(() => importOpenclawRemote({ env: {}, homeDir: home, system }));
      }),
      ASYNC_RUNS,
    );
  });
});

describe('OpenClaw config on a host (fetch from host)', () => {
  const hostEnv: fc.Arbitrary<HostEnvironment | undefined> = fc.option(
    fc.record(
      {
        HOME: fc.oneof(fc.constant('/home/u'), hostileText),
        OPENCLAW_HOME: hostileText,
        OPENCLAW_STATE_DIR: hostileText,
        OPENCLAW_CONFIG_PATH: hostileText,
        OPENCLAW_GATEWAY_PORT: fc.oneof(fc.constantFrom('18789', '0', '65536', ' 1 '), hostileText),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );

  it('reads and interprets any config (and its includes) into Gateway settings or a typed error', async () => {
    await fc.assert(
      fc.asyncProperty(configText, configText, hostEnv, async (main, included, env) => {
        let reads = 0;
        const host = {
          environment: () => Promise.resolve(env),
          // The first read is the main file; every include gets the second text, so `$include` loops too.
          readFile: () => Promise.resolve(Buffer.from(reads++ === 0 ? main : included)),
        };
        await typedOutcome(async () => {
          const read = await readHostOpenclawConfig(host, env, GATEWAY_SETTINGS_PARTS);
          return interpretGatewayConfig(read.config, { env: env ?? {}, configPath: read.path, redact: () => {} });
        });
      }),
      ASYNC_RUNS,
    );
  });
});
