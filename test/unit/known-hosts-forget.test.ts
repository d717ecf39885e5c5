// Forgetting a profile's host key in known_hosts: only this host's plain key lines go (hashed ones included), a list
// of names loses only this host's name, and comments, other hosts, markers, wildcard lines and system-wide files stay.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { hostKeyFingerprint, hostKeyType } from '../../electron/main/services/ssh/host-key';
import { checkHostKey, formatKnownHostsEntry } from '../../electron/main/services/ssh/known-hosts';
import {
  forgetHostKeys,
  trustedHostKeyLines,
  type TrustedKeysLookup,
} from '../../electron/main/services/ssh/known-hosts-forget';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const system = testSystem();

function ed25519(): Buffer {
  const part = (value: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, value.length]), value]);
  return Buffer.concat([part(Buffer.from('ssh-ed25519')), part(randomBytes(32))]);
}

function line(hosts: string, key: Buffer): string {
  return `${hosts} ${hostKeyType(key)} ${key.toString('base64')}`;
}

describe('forgetting a host key', () => {
  let dir: string;
  let user: string;
  let global: string;
  let lookup: TrustedKeysLookup;

  beforeEach(() => {
    dir = makeTempDir('ocr-forget-');
    user = join(dir, 'known_hosts');
    global = join(dir, 'ssh_known_hosts');
    lookup = { files: [user, global], userFiles: [user], host: 'gw.example.com', port: 2222, system };
  });

  afterEach(() => removeTempDir(dir));

  it('removes only the host’s own key lines, hashed ones too, and keeps everything else byte for byte', async () => {
    const ours = ed25519();
    const hashedOurs = ed25519();
    const other = ed25519();
    const hashedOther = ed25519();
    const ca = ed25519();
    const revoked = ed25519();
    const listed = ed25519();
    const wildcard = ed25519();
    const file = [
      '# my hosts',
      line('other.example.com', other),
      line('[gw.example.com]:2222', ours),
      formatKnownHostsEntry({ host: 'gw.example.com', port: 2222, key: hashedOurs, hashed: true }),
      formatKnownHostsEntry({ host: 'other.example.com', port: 22, key: hashedOther, hashed: true }),
      `@cert-authority ${line('[gw.example.com]:2222', ca)}`,
      `@revoked ${line('[gw.example.com]:2222', revoked)}`,
      `${line('[gw.example.com]:2222,10.0.0.9', listed)} laptop`,
      line('[*.example.com]:2222', wildcard),
      '',
    ];
    writeFileSync(user, file.join('\n'), { mode: 0o600 });

    const shown = await trustedHostKeyLines(lookup);
    expect(shown.map((l) => [l.line, l.forget, l.fingerprint])).toEqual([
      [3, 'remove-line', hostKeyFingerprint(ours)],
      [4, 'remove-line', hostKeyFingerprint(hashedOurs)],
      [8, 'remove-name', hostKeyFingerprint(listed)],
      [9, 'keep', hostKeyFingerprint(wildcard)],
    ]);
    expect(shown[1]?.hosts).toBe('(hashed name)');
    expect(shown[3]?.keptBecause).toContain('pattern');

    const removed = await forgetHostKeys(
      lookup,
      shown
        .filter((l) => l.forget !== 'keep')
        .map(({ file: f, line: n, fingerprint }) => ({ file: f, line: n, fingerprint })),
    );
    expect(removed.map((l) => l.line)).toEqual([3, 4, 8]);
    expect(readFileSync(user, 'utf8')).toBe(
      [file[0], file[1], file[4], file[5], file[6], `${line('10.0.0.9', listed)} laptop`, file[8], ''].join('\n'),
    );
    expect(statSync(user).mode & 0o777).toBe(0o600);
  });

  it('lets the next connect ask: the key the host now presents is unknown, no longer changed', async () => {
    const old = ed25519();
    const presented = ed25519();
    writeFileSync(user, `${line('[gw.example.com]:2222', old)}\n`);
    expect((await checkHostKey({ ...lookup, key: presented })).status).toBe('changed');
    await forgetHostKeys(lookup);
    expect(await checkHostKey({ ...lookup, key: presented })).toEqual({ status: 'unknown' });
  });

  it('removes nothing when the lines are not the ones confirmed', async () => {
    const key = ed25519();
    const text = `${line('[gw.example.com]:2222', key)}\n`;
    writeFileSync(user, text);
    const error = await forgetHostKeys(lookup, [
      { file: user, line: 1, fingerprint: hostKeyFingerprint(ed25519()) },
    ]).catch((caught: unknown) => caught);
    expect(error instanceof AppFailure ? error.error.kind : error).toBe('host-key-list-changed');
    expect(readFileSync(user, 'utf8')).toBe(text);
  });

  it('leaves a system-wide file alone and says why', async () => {
    const key = ed25519();
    const text = `${line('[gw.example.com]:2222', key)}\n`;
    writeFileSync(global, text);
    const [shown] = await trustedHostKeyLines(lookup);
    expect(shown).toMatchObject({ file: global, forget: 'keep' });
    expect(shown?.keptBecause).toContain('system-wide');
    expect(await forgetHostKeys(lookup)).toEqual([]);
    expect(readFileSync(global, 'utf8')).toBe(text);
  });
});
