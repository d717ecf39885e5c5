// Importing the remote Gateway that this Mac's OpenClaw CLI is set up for, from real openclaw.json files in a temp
// home: the reference's JSON5 sample, direct and tailnet URLs with certificate pins, tokens the app cannot resolve,
// files without a remote, and broken files, each with its own specific outcome.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOpenclawRemote } from '../../electron/main/services/openclaw-config/import-remote';
import { profileSchema } from '../../electron/shared/profile';
import { failureOf } from '../fixtures/failure-of';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const TOKEN = 'f3b1c9a07d2e4c58b6a1e0d9c7b5a3f1e2d4c6b8a0f9e7d5';

let home: string;
let configPath: string;

beforeEach(() => {
  home = makeTempDir('openclaw-import-');
  mkdirSync(path.join(home, '.openclaw'));
  configPath = path.join(home, '.openclaw', 'openclaw.json');
});

afterEach(() => removeTempDir(home));

function writeConfig(text: string): void {
  writeFileSync(configPath, text);
}

function importNow() {
  return importOpenclawRemote({ env: {}, homeDir: home, system: testSystem() });
}

/** gateway.remote as JSON5 (unquoted keys, trailing comma) inside a remote-mode file. */
function remoteConfig(remote: string): string {
  return `{ gateway: { mode: "remote", remote: { ${remote}, }, }, }`;
}

describe('importing the OpenClaw CLI remote config', () => {
  it('turns the reference’s JSON5 sample (comments, trailing commas) into the matching SSH profile and token', async () => {
    writeConfig(`// Loopback-only remote Gateway behind an app-managed tunnel
{
  agents: { defaults: { workspace: "~/work" } },
  gateway: {
    mode: "remote",
    /* the client side */
    remote: {
      transport: "ssh",
      url: "ws://127.0.0.1:18789",   // local end of the tunnel
      remotePort: 18789,             // Gateway port on the remote host
      sshTarget: "alice@studio.tail1234.ts.net",
      sshIdentity: "~/.ssh/id_ed25519",
      sshHostKeyPolicy: "strict",
      token: "${TOKEN}",
    },
  },
}
`);
    const imported = await importNow();
    expect(imported).toEqual({
      kind: 'remote',
      configPath,
      profile: {
        name: 'alice@studio.tail1234.ts.net',
        route: {
          kind: 'ssh',
          target: 'alice@studio.tail1234.ts.net',
          identityFile: '~/.ssh/id_ed25519',
          localPort: 18789,
          remotePort: 18789,
          useEphemeralPortIfBusy: false,
          allowPassword: false,
        },
      },
      token: TOKEN,
      notes: [],
    });
    // What the window saves must pass the same schema.
    expect(profileSchema.safeParse({ id: 'studio', ...(imported.kind === 'remote' && imported.profile) }).success).toBe(
      true,
    );
  });

  it('takes the local port from the URL and the remote port from remotePort, else from the URL', async () => {
    writeConfig(remoteConfig(`url: "ws://127.0.0.1:28789", remotePort: 18790, sshTarget: "bob@box:2222"`));
    expect(await importNow()).toMatchObject({
      profile: { route: { kind: 'ssh', target: 'bob@box:2222', localPort: 28789, remotePort: 18790 } },
    });
    writeConfig(remoteConfig(`url: "ws://127.0.0.1:28789", sshTarget: "bob@box"`));
    expect(await importNow()).toMatchObject({ profile: { route: { localPort: 28789, remotePort: 28789 } } });
    writeConfig(remoteConfig(`sshTarget: "bob@box"`));
    expect(await importNow()).toMatchObject({ profile: { route: { localPort: 18789, remotePort: 18789 } } });
  });

  it('imports a direct wss:// Gateway with its certificate pin in the canonical sha256:<hex> form', async () => {
    const hex = 'ab12'.repeat(16);
    const colons = hex.toUpperCase().match(/../g)!.join(':');
    writeConfig(
      remoteConfig(
        `transport: "direct", url: "wss://gateway.example.com", tlsFingerprint: "SHA256:${colons}", token: "t"`,
      ),
    );
    expect(await importNow()).toEqual({
      kind: 'remote',
      configPath,
      profile: {
        name: 'gateway.example.com',
        route: {
          kind: 'direct',
          url: 'wss://gateway.example.com',
          tlsFingerprint: `sha256:${hex}`,
          acceptInsecure: false,
        },
      },
      token: 't',
      notes: [],
    });
  });

  it('keeps a *.ts.net URL as a direct route and says so', async () => {
    writeConfig(remoteConfig(`transport: "direct", url: "wss://studio.tail1234.ts.net", token: "t"`));
    const imported = await importNow();
    expect(imported).toMatchObject({ profile: { route: { kind: 'direct', url: 'wss://studio.tail1234.ts.net' } } });
    expect(imported.kind === 'remote' && imported.notes).toEqual([
      { kind: 'tailnet-url', message: expect.stringMatching(/Tailscale address.*direct URL/) },
    ]);
  });

  it('refuses a certificate pin that is not a SHA-256 fingerprint', async () => {
    writeConfig(remoteConfig(`transport: "direct", url: "wss://gateway.example.com", tlsFingerprint: "sha1:ab:cd"`));
    expect(await failureOf(importNow())).toMatchObject({
      kind: 'openclaw-config-invalid',
      message: expect.stringContaining('gateway.remote.tlsFingerprint is not a SHA-256 fingerprint'),
    });
  });

  it('does not resolve a SecretInput reference: no token, and a note that it must be entered', async () => {
    writeConfig(
      remoteConfig(`sshTarget: "bob@box", token: { source: "env", provider: "default", id: "REMOTE_TOKEN" }`),
    );
    const imported = await importNow();
    expect(imported.kind).toBe('remote');
    expect(imported).not.toHaveProperty('token');
    expect(imported.kind === 'remote' && imported.notes).toEqual([
      {
        kind: 'token-needed',
        message: expect.stringMatching(
          /gateway\.remote\.token .* secret reference \(env:REMOTE_TOKEN\).*enter the Gateway token/,
        ),
      },
    ]);
  });

  it('does not resolve a ${VAR} placeholder either, but takes an escaped $${VAR} literally', async () => {
    writeConfig(remoteConfig(`sshTarget: "bob@box", token: "\${OPENCLAW_REMOTE_TOKEN}"`));
    const placeholder = await importNow();
    expect(placeholder).not.toHaveProperty('token');
    expect(placeholder.kind === 'remote' && placeholder.notes[0]).toMatchObject({
      kind: 'token-needed',
      message: expect.stringContaining('environment variable ${OPENCLAW_REMOTE_TOKEN}'),
    });
    writeConfig(remoteConfig(`sshTarget: "bob@box", token: "a$\${LITERAL}b"`));
    expect(await importNow()).toMatchObject({ token: 'a${LITERAL}b', notes: [] });
  });

  it('says the token must be entered when the file has none', async () => {
    writeConfig(remoteConfig(`sshTarget: "bob@box"`));
    const imported = await importNow();
    expect(imported).not.toHaveProperty('token');
    expect(imported.kind === 'remote' && imported.notes).toEqual([
      { kind: 'token-needed', message: expect.stringContaining('holds no gateway.remote.token') },
    ]);
  });

  it('sends a password-mode secret as the token, which the Gateway accepts, and says so', async () => {
    writeConfig(remoteConfig(`sshTarget: "bob@box", password: "hunter2-long-password"`));
    const imported = await importNow();
    expect(imported).toMatchObject({ token: 'hunter2-long-password' });
    expect(imported.kind === 'remote' && imported.notes.map((note) => note.kind)).toEqual(['password-as-token']);
  });

  it('imports remote settings that are filled in but switched off, with a note', async () => {
    writeConfig(`{ gateway: { mode: "local", remote: { sshTarget: "bob@box", token: "t" } } }`);
    const imported = await importNow();
    expect(imported).toMatchObject({ kind: 'remote', profile: { route: { target: 'bob@box' } }, token: 't' });
    expect(imported.kind === 'remote' && imported.notes.map((note) => note.kind)).toEqual(['remote-inactive']);
  });

  it('finds nothing to import in a local-mode config, a missing file, or a tunnel it cannot name', async () => {
    writeConfig(`{ gateway: { mode: "local", port: 18789, auth: { mode: "token", token: "t" } }, agents: {} }`);
    expect(await importNow()).toEqual({
      kind: 'nothing-to-import',
      configPath,
      reason: expect.stringContaining('sets no remote Gateway'),
    });

    writeConfig(remoteConfig(`transport: "ssh", url: "ws://127.0.0.1:18789", token: "t"`));
    expect(await importNow()).toMatchObject({
      kind: 'nothing-to-import',
      reason: expect.stringContaining('gateway.remote.sshTarget is not set'),
    });

    writeConfig(remoteConfig(`transport: "direct", token: "t"`));
    expect(await importNow()).toMatchObject({
      kind: 'nothing-to-import',
      reason: expect.stringContaining('gateway.remote.url is not set'),
    });

    removeTempDir(home);
    expect(await importNow()).toMatchObject({
      kind: 'nothing-to-import',
      reason: expect.stringContaining('no OpenClaw config on this Mac'),
    });
  });

  it('reports broken JSON5 with line and column, without quoting the file', async () => {
    const brokenLine = `    remote: { token: "${TOKEN}" ]`;
    writeConfig(`{\n  gateway: {\n${brokenLine}\n  },\n}\n`);
    const error = await failureOf(importNow());
    expect(error).toMatchObject({
      kind: 'openclaw-config-invalid',
      message:
        `Your OpenClaw config ${configPath} is not valid JSON5: it breaks at line 3, ` +
        `column ${brokenLine.indexOf(']') + 1}.`,
    });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('reports wrong types with the key that is wrong, never its value', async () => {
    const cases: [string, RegExp][] = [
      ['[1, 2]', /does not hold an object/],
      ['{ gateway: "remote" }', /gateway is a string, not an object/],
      ['{ gateway: { mode: "remote", remote: [] } }', /gateway\.remote is a list, not an object/],
      [remoteConfig(`sshTarget: "b@h", remotePort: "18789"`), /remotePort is not a port number/],
      [remoteConfig(`sshTarget: "b@h", transport: "carrier-pigeon"`), /transport is neither "ssh" nor "direct"/],
      [remoteConfig(`sshTarget: "b@h", url: "http://box:18789"`), /url is not a ws:\/\/ or wss:\/\/ URL/],
      [remoteConfig(`sshTarget: "b@h", token: 9876543210`), /token is a number, not text/],
      [remoteConfig(`sshTarget: "b@h", token: { value: "x" }`), /token is an object that is not a secret reference/],
    ];
    for (const [text, problem] of cases) {
      writeConfig(text);
      const error = await failureOf(importNow());
      expect(error.kind, text).toBe('openclaw-config-invalid');
      expect(error.message, text).toMatch(problem);
      expect(error.message).not.toContain('9876543210');
    }
  });

  it('refuses gateway settings taken from another file ($include), which it would miss', async () => {
    writeConfig(`{ gateway: { mode: "remote", remote: { $include: "./remote.json5" } } }`);
    expect(await failureOf(importNow())).toMatchObject({ kind: 'openclaw-config-include' });
  });

  it('refuses a ws:// URL across the internet, which no profile may hold without an explicit risk choice', async () => {
    writeConfig(remoteConfig(`transport: "direct", url: "ws://203.0.113.7:18789", token: "t"`));
    expect(await failureOf(importNow())).toMatchObject({
      kind: 'openclaw-config-not-importable',
      message: expect.stringContaining('unencrypted'),
    });
  });
});
