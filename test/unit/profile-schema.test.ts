// The profile and settings schemas: every bad field is refused with its own sentence at its own path, ws:// is refused
// only where it would cross the internet, and settings refuse duplicate names and dangling profile references.
import { describe, expect, it } from 'vitest';
import { profileSchema, type ProfileInput } from '../../electron/shared/profile';
import { defaultSettings, settingsSchema } from '../../electron/shared/settings';

const PIN = `sha256:${'ab'.repeat(32)}`;

function sshProfile(route: Record<string, unknown> = {}, profile: Record<string, unknown> = {}): unknown {
  return {
    id: 'home-1a2b3c4d',
    name: 'Home',
    route: { kind: 'ssh', target: 'me@gateway.example', ...route },
    ...profile,
  };
}

function directProfile(route: Record<string, unknown>): unknown {
  return { id: 'direct-1a2b3c4d', name: 'Direct', route: { kind: 'direct', ...route } };
}

function tailscaleProfile(via: Record<string, unknown>): unknown {
  return { id: 'tail-1a2b3c4d', name: 'Tail', route: { kind: 'tailscale', deviceId: 'nXYZ', deviceName: 'box', via } };
}

/** The issues of a refused profile as "path: message" lines. */
function refusal(input: unknown): string[] {
  const result = profileSchema.safeParse(input);
  if (result.success) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('profile schema refuses each bad field with its own sentence', () => {
  it.each<[string, unknown, string]>([
    ['empty name', sshProfile({}, { name: '' }), 'name: The profile name is empty.'],
    [
      'name with edge spaces',
      sshProfile({}, { name: ' Home' }),
      'name: The profile name cannot start or end with spaces',
    ],
    ['name with a control character', sshProfile({}, { name: 'Ho\u0007me' }), 'or hold control or text-direction'],
    [
      'name with a right-to-left override',
      sshProfile({}, { name: 'Home\u202Egpj.exe' }),
      'or text-direction characters',
    ],
    [
      'SSH target with a right-to-left override',
      sshProfile({ target: 'me@\u202Emoc.live' }),
      'route.target: The SSH target holds a text-direction control character',
    ],
    [
      'URL with a host longer than DNS allows',
      directProfile({ url: `wss://${'a'.repeat(250)}.example` }),
      "route.url: The Gateway URL's host is longer than 253 characters",
    ],
    ['URL longer than 2048', directProfile({ url: `wss://gw.example/${'p'.repeat(2100)}` }), 'longer than 2048'],
    ['long name', sshProfile({}, { name: 'x'.repeat(65) }), 'name: The profile name is longer than 64 characters.'],
    ['bad ID', sshProfile({}, { id: 'Home Box' }), 'id: A profile ID is lowercase letters, digits and dashes.'],
    ['empty SSH target', sshProfile({ target: '' }), 'route.target: The SSH target is empty.'],
    ['long SSH target', sshProfile({ target: 'h'.repeat(256) }), 'route.target: The SSH target is longer than 255'],
    ['SSH port 0', sshProfile({ sshPort: 0 }), 'route.sshPort: The SSH port must be a whole number from 1 to 65535.'],
    ['SSH port 65536', sshProfile({ sshPort: 65536 }), 'route.sshPort: The SSH port must be a whole number'],
    ['local port 70000', sshProfile({ localPort: 70000 }), 'route.localPort: The local port must be a whole number'],
    ['local port 1.5', sshProfile({ localPort: 1.5 }), 'route.localPort: The local port must be a whole number'],
    [
      'local port as text',
      sshProfile({ localPort: '18789' }),
      'route.localPort: The local port must be a whole number',
    ],
    [
      'remote port 0',
      sshProfile({ remotePort: 0 }),
      'route.remotePort: The remote Gateway port must be a whole number',
    ],
    ['empty identity file', sshProfile({ identityFile: '' }), 'route.identityFile: The identity file path is empty.'],
    [
      'unknown route kind',
      sshProfile({ kind: 'ftp' }),
      'route.kind: The route must be one of "ssh", "tailscale" or "direct".',
    ],
    ['unknown key', sshProfile({ sshPortt: 22 }), 'route: Unrecognized key: "sshPortt"'],
    [
      'http URL',
      directProfile({ url: 'http://gateway.example' }),
      'route.url: The Gateway URL must be a ws:// or wss://',
    ],
    ['URL without host', directProfile({ url: 'ws://' }), 'route.url: The Gateway URL must be a ws:// or wss://'],
    ['URL with credentials', directProfile({ url: 'wss://me:pw@gw.example' }), 'route.url: The Gateway URL must be'],
    [
      'ws:// to a public host',
      directProfile({ url: 'ws://gateway.example.com:18789' }),
      'route.url: ws:// to gateway.example.com would send the Gateway token and every message unencrypted',
    ],
    [
      'TLS pin in the wrong format',
      directProfile({ url: 'wss://gw.example', tlsFingerprint: 'AB:CD:EF' }),
      'route.tlsFingerprint: The certificate pin must be "sha256:" followed by 64 hex digits',
    ],
    [
      'TLS pin in upper case',
      directProfile({ url: 'wss://gw.example', tlsFingerprint: `sha256:${'AB'.repeat(32)}` }),
      'route.tlsFingerprint: The certificate pin must be',
    ],
    [
      'TLS pin on ws://',
      directProfile({ url: 'ws://192.168.1.5', tlsFingerprint: PIN }),
      'route.tlsFingerprint: A certificate pin needs a wss:// URL',
    ],
    [
      'Tailscale URL on the public internet',
      tailscaleProfile({ kind: 'url', url: 'ws://gateway.example.com' }),
      'route.via.url: ws:// to gateway.example.com leaves the tailnet',
    ],
    [
      'Tailscale SSH without target',
      tailscaleProfile({ kind: 'ssh', target: '' }),
      'route.via.target: The SSH target is empty.',
    ],
    [
      'Tailscale via nothing known',
      tailscaleProfile({ kind: 'carrier-pigeon' }),
      'route.via.kind: A Tailscale route reaches',
    ],
  ])('%s', (_case, input, expected) => {
    expect(refusal(input).join('\n')).toContain(expected);
  });
});

describe('profile schema accepts', () => {
  it('an SSH profile, filling in the documented defaults', () => {
    expect(profileSchema.parse(sshProfile())).toEqual({
      id: 'home-1a2b3c4d',
      name: 'Home',
      route: {
        kind: 'ssh',
        target: 'me@gateway.example',
        localPort: 18789,
        remotePort: 18789,
        useEphemeralPortIfBusy: false,
        allowPassword: false,
      },
      configureOpenclaw: false,
    });
  });

  it.each([
    'ws://192.168.1.5:18789',
    'ws://10.0.0.2',
    'ws://mac-mini.local:18789',
    'ws://gateway',
    'ws://box.tailnet-1234.ts.net',
    'ws://100.101.102.103:18789',
    'ws://[fd7a:115c:a1e0::1]',
    'ws://127.0.0.1:18789',
    'ws://localhost:18789',
    'ws://[::1]:18789',
    'ws://[::ffff:127.0.0.1]',
    'wss://gateway.example.com',
  ])('%s without acceptInsecure', (url) => {
    expect(profileSchema.safeParse(directProfile({ url })).success).toBe(true);
  });

  it('ws:// to a public host once the risk is accepted', () => {
    expect(profileSchema.safeParse(directProfile({ url: 'ws://gw.example.com', acceptInsecure: true })).success).toBe(
      true,
    );
  });

  it('a TLS pin on wss://', () => {
    expect(profileSchema.safeParse(directProfile({ url: 'wss://gw.example.com', tlsFingerprint: PIN })).success).toBe(
      true,
    );
  });

  it('a tailnet device over ws:// and over SSH with its published host keys', () => {
    expect(profileSchema.safeParse(tailscaleProfile({ kind: 'url', url: 'ws://box.tail1.ts.net:18789' })).success).toBe(
      true,
    );
    const overSsh = tailscaleProfile({ kind: 'ssh', target: 'me@box', hostKeys: ['ssh-ed25519 AAAAC3Nza'] });
    expect(profileSchema.safeParse(overSsh).success).toBe(true);
  });
});

describe('settings schema', () => {
  const home = sshProfile() as ProfileInput;

  function settingsRefusal(input: unknown): string {
    const result = settingsSchema.safeParse(input);
    if (result.success) throw new Error('expected a refusal');
    return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
  }

  it('has defaults for everything', () => {
    expect(defaultSettings()).toEqual({
      profiles: [],
      manuallyDisconnected: false,
      openclawImportOffered: false,
    });
  });

  it('refuses two profiles whose names differ only in case', () => {
    const other = { ...home, id: 'other-1a2b3c4d', name: 'HOME' };
    expect(settingsRefusal({ profiles: [home, other] })).toContain(
      'profiles.1.name: Two profiles are named "HOME"; names must differ (ignoring case).',
    );
  });

  it('refuses two profiles with one ID', () => {
    const other = { ...home, name: 'Other' };
    expect(settingsRefusal({ profiles: [home, other] })).toContain(
      'profiles.1.id: Two profiles share the ID home-1a2b3c4d.',
    );
  });

  it('refuses a primary or last-active profile that does not exist', () => {
    expect(settingsRefusal({ profiles: [home], primaryProfileId: 'gone-1' })).toContain(
      'primaryProfileId: primaryProfileId names a profile that does not exist (gone-1).',
    );
    expect(settingsRefusal({ lastActiveProfileId: 'gone-2' })).toContain(
      'lastActiveProfileId: lastActiveProfileId names',
    );
  });

  it('refuses a key it does not know instead of dropping it', () => {
    expect(settingsRefusal({ profiles: [], conectAtLaunch: true })).toContain(': Unrecognized key: "conectAtLaunch"');
  });
});
