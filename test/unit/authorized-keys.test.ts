// The authorized_keys merge behind "Install my public key on the host": the key's line is added once, compared by key
// type and blob rather than comment (or options), with what the file held kept as it was, a missing final newline
// supplied first.
import { describe, expect, it } from 'vitest';
import { authorizedKeysAddition } from '../../electron/main/services/ssh/authorized-keys';

const BLOB_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB';
const BLOB_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIAICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC';
const KEY_A = `ssh-ed25519 ${BLOB_A} alice@mac (OpenClaw Remote)`;
const KEY_B = `ssh-ed25519 ${BLOB_B} bob@laptop`;

/** The file after the install, as the append leaves it. */
function installed(existing: string | undefined, key: string): string {
  return (existing ?? '') + (authorizedKeysAddition(existing, key) ?? '');
}

describe('authorizedKeysAddition', () => {
  it('starts a file that does not exist yet with the key line', () => {
    expect(installed(undefined, KEY_A)).toBe(`${KEY_A}\n`);
    expect(installed('', KEY_A)).toBe(`${KEY_A}\n`);
  });

  it('appends after what the file holds, keeping it as it was', () => {
    const existing = `# my keys\n${KEY_B}\n`;
    expect(installed(existing, KEY_A)).toBe(`# my keys\n${KEY_B}\n${KEY_A}\n`);
  });

  it('supplies the final newline a hand-edited file lacks, so the key does not join its last line', () => {
    expect(installed(KEY_B, KEY_A)).toBe(`${KEY_B}\n${KEY_A}\n`);
  });

  it('adds nothing when the key is there, whatever its comment or options', () => {
    expect(authorizedKeysAddition(`${KEY_A}\n`, KEY_A)).toBeUndefined();
    expect(authorizedKeysAddition(`ssh-ed25519 ${BLOB_A} another comment\n`, KEY_A)).toBeUndefined();
    expect(authorizedKeysAddition(`ssh-ed25519 ${BLOB_A}`, KEY_A)).toBeUndefined();
    expect(
      authorizedKeysAddition(`${KEY_B}\nfrom="10.0.0.0/8",no-pty ssh-ed25519 ${BLOB_A} old\n`, KEY_A),
    ).toBeUndefined();
  });

  it('installing twice leaves one line', () => {
    const once = installed(`${KEY_B}\n`, KEY_A);
    expect(installed(once, KEY_A)).toBe(once);
    expect(once.split('\n').filter((line) => line.includes(BLOB_A))).toHaveLength(1);
  });

  it('does not take a commented-out key, or the blob as a comment word, for the key', () => {
    expect(installed(`# ssh-ed25519 ${BLOB_A}\n`, KEY_A)).toBe(`# ssh-ed25519 ${BLOB_A}\n${KEY_A}\n`);
    const mention = `ssh-ed25519 ${BLOB_B} was-ssh-ed25519 ${BLOB_A}\n`;
    expect(installed(mention, KEY_A)).toBe(`${mention}${KEY_A}\n`);
  });
});
