// known_hosts as ssh(1) reads and writes it: the line format, host patterns, hashed names, the lookup verdicts
// (known, changed, revoked, unknown) with file and line, the lines we write, and appending without rewriting.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { hostKeyFingerprint, hostKeyType } from '../../electron/main/services/ssh/host-key';
import {
  appendKnownHostsEntry,
  checkHostKey,
  formatKnownHostsEntry,
  hostFieldMatches,
  knownHostsName,
  parseKnownHosts,
  storedHostKeyTypes,
} from '../../electron/main/services/ssh/known-hosts';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const system = testSystem();
const SAMPLE = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function blob(type: string, ...parts: Buffer[]): Buffer {
  return Buffer.concat([sshString(type), ...parts.map(sshString)]);
}

const ed25519 = () => blob('ssh-ed25519', randomBytes(32));
const rsa = () => blob('ssh-rsa', Buffer.from([1, 0, 1]), randomBytes(257));
const ecdsa = () => blob('ecdsa-sha2-nistp256', Buffer.from('nistp256'), randomBytes(65));

function entry(hosts: string, key: Buffer, comment = ''): string {
  return `${hosts} ${hostKeyType(key)} ${key.toString('base64')}${comment ? ` ${comment}` : ''}`;
}

function failureKind(error: unknown): string | undefined {
  return error instanceof AppFailure ? error.error.kind : undefined;
}

describe('host key blobs', () => {
  it('prints the fingerprint as OpenSSH does', () => {
    expect(hostKeyFingerprint(Buffer.from(SAMPLE, 'base64'))).toBe(
      'SHA256:+DiY3wvvV6TuJJhbpZisF/zLDA0zPMSvHdkr4UvCOqU',
    );
  });

  it('reads the key type from the blob', () => {
    expect(hostKeyType(Buffer.from(SAMPLE, 'base64'))).toBe('ssh-ed25519');
    expect(hostKeyType(rsa())).toBe('ssh-rsa');
    expect(hostKeyType(ecdsa())).toBe('ecdsa-sha2-nistp256');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['a short length prefix', Buffer.from([0, 0])],
    ['a length past the end', Buffer.from([0, 0, 0, 9, 0x61])],
    ['a huge length', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x61])],
    ['a zero length', Buffer.from([0, 0, 0, 0, 1, 2, 3])],
    ['a type and nothing else', sshString('ssh-ed25519')],
    ['a non-printable type', blob('ssh\x00ed', randomBytes(32))],
    ['random bytes', Buffer.from('not a key at all, just text')],
  ])('refuses a malformed blob (%s) with a clear error', (_name, bad) => {
    let thrown: unknown;
    try {
      hostKeyType(bad);
    } catch (error) {
      thrown = error;
    }
    expect(failureKind(thrown)).toBe('host-key-malformed');
    expect((thrown as AppFailure).error.message).toMatch(/not a valid SSH public key/);
  });
});

describe('parsing known_hosts', () => {
  it('reads markers, host fields, key types, keys and comments with 1-based line numbers', () => {
    const [a, b, c] = [ed25519(), rsa(), ecdsa()];
    const text = [
      '# a comment',
      '',
      entry('example.com,10.0.0.1', a, 'laptop key'),
      `   ${entry('[example.com]:2222', b)}\r`,
      `@revoked * ${hostKeyType(c)} ${c.toString('base64')}`,
      `@cert-authority *.example.com ${hostKeyType(a)} ${a.toString('base64')}`,
      `\t${entry('tabbed', c)}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.marker, e.hosts, e.keyType, e.comment])).toEqual([
      [3, undefined, 'example.com,10.0.0.1', 'ssh-ed25519', 'laptop key'],
      [4, undefined, '[example.com]:2222', 'ssh-rsa', undefined],
      [5, 'revoked', '*', 'ecdsa-sha2-nistp256', undefined],
      [6, 'cert-authority', '*.example.com', 'ssh-ed25519', undefined],
      [7, undefined, 'tabbed', 'ecdsa-sha2-nistp256', undefined],
    ]);
    expect(entries[0]?.key.equals(a)).toBe(true);
  });

  it('skips malformed lines as OpenSSH does, keeping the numbering of the others', () => {
    const good = ed25519();
    const text = [
      'host-only',
      'host ssh-ed25519',
      'host ssh-ed25519 !!!not-base64!!!',
      `host ssh-rsa ${good.toString('base64')}`, // type on the line differs from the blob's
      `@unknown-marker host ${hostKeyType(good)} ${good.toString('base64')}`,
      `@revoked @cert-authority host ${hostKeyType(good)} ${good.toString('base64')}`,
      '@revoked',
      'host 2048 65537 1234567890', // SSH-1 RSA
      `|1|c2hvcnQ=|aGFzaA== ${hostKeyType(good)} ${good.toString('base64')}`, // salt not 20 bytes
      `|2|${randomBytes(20).toString('base64')}|${randomBytes(20).toString('base64')} ssh-ed25519 ${good.toString('base64')}`,
      `host ssh-ed25519 ${sshString('ssh-ed25519').toString('base64')}`, // no key material
      entry('fine', good),
    ].join('\n');
    expect(parseKnownHosts(text).map((e) => [e.line, e.hosts])).toEqual([[12, 'fine']]);
  });

  it('never throws, whatever the input', () => {
    const valid = entry('host,[h]:22,|1|x', ed25519());
    const alphabet = ' \t\n\r,|@#*?![]:=+/AZaz09\x00\xff';
    for (let round = 0; round < 2_000; round++) {
      const length = Math.floor(Math.random() * 200);
      let text = '';
      for (let i = 0; i < length; i++) {
        text +=
          Math.random() < 0.5
            ? alphabet[Math.floor(Math.random() * alphabet.length)]
            : String.fromCharCode(Math.floor(Math.random() * 0x3000));
      }
      const mutated = valid.slice(0, Math.floor(Math.random() * valid.length)) + text;
      expect(() => parseKnownHosts(text)).not.toThrow();
      expect(() => parseKnownHosts(mutated)).not.toThrow();
      expect(() => hostFieldMatches(text, 'host')).not.toThrow();
    }
    expect(() => parseKnownHosts(randomBytes(100_000).toString('latin1'))).not.toThrow();
  });
});

describe('host names and patterns', () => {
  it('names a host as OpenSSH stores it', () => {
    expect(knownHostsName('Example.COM', 22)).toBe('example.com');
    expect(knownHostsName('example.com', 2222)).toBe('[example.com]:2222');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
    expect(knownHostsName('::1', 22)).toBe('::1');
    // ssh_config(5): HostKeyAlias replaces the name outright; the port is not added.
    expect(knownHostsName('10.0.0.5', 2222, 'gateway-box')).toBe('gateway-box');
  });

  it.each([
    ['example.com', 'example.com', true],
    ['EXAMPLE.com', 'example.com', true],
    ['other.com,example.com', 'example.com', true],
    ['other.com', 'example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'example.com', false],
    ['host?', 'host1', true],
    ['host?', 'host12', false],
    ['*', 'anything', true],
    ['*.example.com,!secret.example.com', 'a.example.com', true],
    ['*.example.com,!secret.example.com', 'secret.example.com', false],
    ['!secret.example.com,*.example.com', 'secret.example.com', false],
    ['!secret.example.com', 'other.example.com', false],
    ['[example.com]:2222', '[example.com]:2222', true],
    ['[example.com]:2222', 'example.com', false],
    ['example.com', '[example.com]:2222', false],
    ['[*.example.com]:2222', '[a.example.com]:2222', true],
    ['[10.0.0.?]:*', '[10.0.0.7]:2222', true],
    ['a*b*c*d', 'aXbXcXd', true],
    ['a*a*a*a*a*a*a*a*b', 'a'.repeat(5_000), false],
  ])('%s matches %s: %s', (field, name, expected) => {
    expect(hostFieldMatches(field, name)).toBe(expected);
  });

  it('matches a hashed name only for the exact host and port', () => {
    const field = formatKnownHostsEntry({ host: 'example.com', port: 2222, key: ed25519(), hashed: true }).split(
      ' ',
    )[0];
    expect(field).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    expect(hostFieldMatches(field ?? '', '[example.com]:2222')).toBe(true);
    expect(hostFieldMatches(field ?? '', 'example.com')).toBe(false);
    expect(hostFieldMatches(field ?? '', '[example.com]:2223')).toBe(false);
  });
});

describe('checking a host key', () => {
  let dir: string;
  let user: string;
  let global: string;

  beforeEach(() => {
    dir = makeTempDir('openclaw-known-hosts-');
    user = join(dir, 'known_hosts');
    global = join(dir, 'ssh_known_hosts');
  });

  afterEach(() => removeTempDir(dir));

  const write = (file: string, lines: string[]) => writeFileSync(file, lines.join('\n') + '\n');
  const check = (host: string, port: number, key: Buffer, hostKeyAlias?: string) =>
    checkHostKey({ files: [user, global], host, port, hostKeyAlias, key, system });

  it('finds a plain entry and reports its file and line', async () => {
    const key = ed25519();
    write(user, ['# header', entry('other.example', ed25519()), entry('example.com', key)]);
    expect(await check('example.com', 22, key)).toEqual({ status: 'known', file: user, line: 3 });
    expect(await check('Example.Com', 22, key)).toEqual({ status: 'known', file: user, line: 3 });
  });

  it('keeps port 22 and other ports apart', async () => {
    const key = ed25519();
    write(user, [entry('[example.com]:2222', key)]);
    expect(await check('example.com', 2222, key)).toEqual({ status: 'known', file: user, line: 1 });
    expect(await check('example.com', 22, key)).toEqual({ status: 'unknown' });
    expect(await check('example.com', 2223, key)).toEqual({ status: 'unknown' });
  });

  it('finds hashed entries', async () => {
    const key = ed25519();
    write(user, [
      formatKnownHostsEntry({ host: 'other.example', port: 22, key: ed25519(), hashed: true }),
      formatKnownHostsEntry({ host: 'example.com', port: 22, key, hashed: true }),
      formatKnownHostsEntry({ host: 'example.com', port: 2222, key, hashed: true }),
    ]);
    expect(await check('example.com', 22, key)).toEqual({ status: 'known', file: user, line: 2 });
    expect(await check('example.com', 2222, key)).toEqual({ status: 'known', file: user, line: 3 });
    expect(await check('example.org', 22, key)).toEqual({ status: 'unknown' });
  });

  it('finds an entry by any name of a comma list', async () => {
    const key = ed25519();
    write(user, [entry('alpha,beta.example.com,10.0.0.5,[10.0.0.5]:2222', key)]);
    for (const [host, port] of [
      ['alpha', 22],
      ['beta.example.com', 22],
      ['10.0.0.5', 22],
      ['10.0.0.5', 2222],
    ] as const) {
      expect(await check(host, port, key)).toEqual({ status: 'known', file: user, line: 1 });
    }
  });

  it('accepts any of several keys stored for one host', async () => {
    const [a, b, c] = [ed25519(), rsa(), ecdsa()];
    write(user, [entry('example.com', b), entry('example.com', a), entry('example.com', c)]);
    expect(await check('example.com', 22, a)).toEqual({ status: 'known', file: user, line: 2 });
    expect(await check('example.com', 22, b)).toEqual({ status: 'known', file: user, line: 1 });
    expect(await check('example.com', 22, c)).toEqual({ status: 'known', file: user, line: 3 });
    expect(await storedHostKeyTypes({ files: [user, global], host: 'example.com', port: 22, system })).toEqual([
      'ssh-rsa',
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
    ]);
  });

  it('accepts a second key of the same type next to an old one', async () => {
    const [old, fresh] = [ed25519(), ed25519()];
    write(user, [entry('example.com', old), entry('example.com', fresh)]);
    expect(await check('example.com', 22, fresh)).toEqual({ status: 'known', file: user, line: 2 });
  });

  it('reports a changed key of the same type with the stored file, line and fingerprint', async () => {
    const [stored, offered] = [ed25519(), ed25519()];
    write(user, [entry('other', ed25519())]);
    write(global, ['', entry('[example.com]:2222', rsa()), entry('[*.com]:2222', stored)]);
    expect(await check('example.com', 2222, offered)).toEqual({
      status: 'changed',
      file: global,
      line: 3,
      storedType: 'ssh-ed25519',
      storedFingerprint: hostKeyFingerprint(stored),
    });
  });

  it('reports a host known only with other key types as unknown, naming those types', async () => {
    write(user, [entry('example.com', rsa()), entry('example.com', ecdsa()), entry('example.com', rsa())]);
    expect(await check('example.com', 22, ed25519())).toEqual({
      status: 'unknown',
      otherTypesKnown: ['ssh-rsa', 'ecdsa-sha2-nistp256'],
    });
  });

  it('lets a wildcard entry vouch for a host, and a negation exclude one', async () => {
    const key = ed25519();
    write(user, [entry('*.example.com,!secret.example.com', key)]);
    expect(await check('a.example.com', 22, key)).toEqual({ status: 'known', file: user, line: 1 });
    expect(await check('secret.example.com', 22, key)).toEqual({ status: 'unknown' });
  });

  it('does not let a negated line count as a changed key either', async () => {
    write(user, [entry('*,!example.com', ed25519())]);
    expect(await check('example.com', 22, ed25519())).toEqual({ status: 'unknown' });
  });

  it('reports a revoked key even when another line lists it as known', async () => {
    const key = ed25519();
    write(user, [entry('example.com', key)]);
    write(global, [`@revoked * ${hostKeyType(key)} ${key.toString('base64')}`]);
    expect(await check('example.com', 22, key)).toEqual({ status: 'revoked', file: global, line: 1 });
    // A revocation of some other key leaves this one alone.
    expect(await check('example.com', 22, ed25519())).toMatchObject({ status: 'changed', file: user, line: 1 });
  });

  it('ignores @cert-authority lines, as ssh2 has no host certificates', async () => {
    const key = ed25519();
    write(user, [`@cert-authority example.com ${hostKeyType(key)} ${key.toString('base64')}`]);
    expect(await check('example.com', 22, key)).toEqual({ status: 'unknown' });
    expect(await check('example.com', 22, ed25519())).toEqual({ status: 'unknown' });
  });

  it('looks a host up by its HostKeyAlias, without the port', async () => {
    const key = ed25519();
    write(user, [entry('[10.0.0.5]:2222', ed25519()), entry('gateway-box', key)]);
    expect(await check('10.0.0.5', 2222, key, 'gateway-box')).toEqual({ status: 'known', file: user, line: 2 });
    expect(await check('10.0.0.5', 2222, key)).toMatchObject({ status: 'changed', line: 1 });
  });

  it('searches user files before global ones', async () => {
    const key = ed25519();
    write(user, [entry('example.com', key)]);
    write(global, [entry('example.com', key)]);
    expect(await check('example.com', 22, key)).toEqual({ status: 'known', file: user, line: 1 });
  });

  it('treats missing files as empty and skips garbage around good lines', async () => {
    const key = ed25519();
    expect(await check('example.com', 22, key)).toEqual({ status: 'unknown' });
    writeFileSync(user, `garbage\n\x00\xff|1|broken ssh-ed25519 AAAA\n${entry('example.com', key)}`);
    expect(await check('example.com', 22, key)).toEqual({ status: 'known', file: user, line: 3 });
  });

  it('refuses to decide when a known_hosts file exists but cannot be read', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const lookup = { files: [user], host: 'example.com', port: 22, key: ed25519(), system };
    const unreadable = testSystem({ files: { readFile: () => Promise.reject(denied) } });
    const error = await checkHostKey({ ...lookup, system: unreadable }).catch((e: unknown) => e);
    expect(failureKind(error)).toBe('known-hosts-unreadable');
    expect((error as AppFailure).error.message).toContain(user);
    mkdirSync(user);
    expect(failureKind(await checkHostKey(lookup).catch((e: unknown) => e))).toBe('known-hosts-unreadable');
  });
});

describe('writing known_hosts', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir('openclaw-known-hosts-');
  });

  afterEach(() => removeTempDir(dir));

  it('formats the line OpenSSH writes', () => {
    const key = Buffer.from(SAMPLE, 'base64');
    expect(formatKnownHostsEntry({ host: 'Example.com', port: 22, key, hashed: false })).toBe(
      `example.com ssh-ed25519 ${SAMPLE}`,
    );
    expect(formatKnownHostsEntry({ host: '10.0.0.5', port: 2222, key, hashed: false })).toBe(
      `[10.0.0.5]:2222 ssh-ed25519 ${SAMPLE}`,
    );
    expect(formatKnownHostsEntry({ host: '10.0.0.5', port: 2222, hostKeyAlias: 'box', key, hashed: false })).toBe(
      `box ssh-ed25519 ${SAMPLE}`,
    );
    const hashed = formatKnownHostsEntry({ host: '10.0.0.5', port: 2222, key, hashed: true });
    expect(hashed).toMatch(new RegExp(`^\\|1\\|\\S{28}\\|\\S{28} ssh-ed25519 ${SAMPLE.replace(/\+/g, '\\+')}$`));
    expect(formatKnownHostsEntry({ host: '10.0.0.5', port: 2222, key, hashed: true })).not.toBe(hashed);
  });

  it('creates a private folder and file', async () => {
    const file = join(dir, 'home', '.ssh', 'known_hosts');
    await appendKnownHostsEntry(system.files, file, 'first');
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(statSync(join(dir, 'home', '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('appends after existing lines without touching them, completing a last line that lacks its newline', async () => {
    const file = join(dir, 'known_hosts');
    const before = '# keep me\r\nhost ssh-ed25519 AAAA  trailing  spaces  ';
    writeFileSync(file, before);
    await appendKnownHostsEntry(system.files, file, 'second');
    await appendKnownHostsEntry(system.files, file, 'third');
    expect(readFileSync(file, 'utf8')).toBe(`${before}\nsecond\nthird\n`);
  });

  it('says which file could not be written', async () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    const file = join(dir, 'not-a-dir', 'known_hosts');
    const error = await appendKnownHostsEntry(system.files, file, 'line').catch((e: unknown) => e);
    expect(failureKind(error)).toBe('known-hosts-write-failed');
    expect((error as AppFailure).error.message).toContain(file);
    expect((error as AppFailure).error.hint).toBeTruthy();
  });

  it('refuses an entry that would span lines', async () => {
    const file = join(dir, 'known_hosts');
    const error = await appendKnownHostsEntry(system.files, file, 'one\ntwo').catch((e: unknown) => e);
    expect(failureKind(error)).toBe('known-hosts-write-failed');
  });

  it('writes entries that read back as known', async () => {
    const file = join(dir, 'known_hosts');
    const key = ed25519();
    for (const hashed of [false, true]) {
      await appendKnownHostsEntry(system.files, file, formatKnownHostsEntry({ host: 'h', port: 2222, key, hashed }));
    }
    expect(await checkHostKey({ files: [file], host: 'h', port: 2222, key, system })).toEqual({
      status: 'known',
      file,
      line: 1,
    });
    expect(parseKnownHosts(readFileSync(file, 'utf8'))).toHaveLength(2);
  });
});
