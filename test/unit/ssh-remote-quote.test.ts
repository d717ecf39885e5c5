// shellQuote turns any string without NUL into one shell word that POSIX shells read back unchanged; checked
// against the real shells on this machine with hostile and random input.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { shellQuote } from '../../electron/main/services/ssh/remote';
import { isExecutable } from '../fixtures/executables';

const SHELLS = ['/bin/sh', '/bin/bash', '/bin/dash', '/bin/zsh', '/bin/ksh'].filter(isExecutable);

const HOSTILE = [
  '',
  "'",
  "''",
  "it's",
  '"',
  '\\',
  "\\'",
  '$(rm -rf /)',
  '`id`',
  '$HOME',
  '${IFS}',
  '$((1+1))',
  'a\nb',
  '\n',
  '\r\n',
  ' leading and trailing ',
  '\t',
  '*',
  '?',
  '[a]',
  '~',
  '~root/x',
  '=ls',
  '!!',
  '!$',
  '#',
  'a #b',
  ';',
  '|',
  '&',
  '>',
  '<(true)',
  '{a,b}',
  '-n',
  '--',
  '%1',
  '^',
  'ünïcødé ✓ 🚀',
  String.fromCharCode(...Array.from({ length: 255 }, (_, index) => index + 1)),
];

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes everything else', () => {
    expect(shellQuote('printf')).toBe('printf');
    expect(shellQuote('/usr/bin/env')).toBe('/usr/bin/env');
    expect(shellQuote('--url=ws://127.0.0.1:18789')).toBe("'--url=ws://127.0.0.1:18789'");
    expect(shellQuote('user@host:1.2,3+4')).toBe('user@host:1.2,3+4');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$x')).toBe("'$x'");
    expect(shellQuote('~')).toBe("'~'");
    expect(shellQuote('=ls')).toBe("'=ls'");
  });

  it('refuses a NUL character, which no shell can pass on', () => {
    const thrown = catchError(() => shellQuote('a\0b'));
    expect(thrown).toBeInstanceOf(AppFailure);
    expect((thrown as AppFailure).error.kind).toBe('invalid-argument');
  });

  it.each(SHELLS)('round-trips hostile strings through %s', (shell) => {
    for (const value of HOSTILE) expect(echoThrough(shell, value), JSON.stringify(value)).toBe(value);
  });

  it.each(SHELLS)('round-trips random strings through %s', (shell) => {
    for (let round = 0; round < 50; round += 1) {
      const value = randomString(1 + Math.floor(Math.random() * 40));
      expect(echoThrough(shell, value), JSON.stringify(value)).toBe(value);
    }
  });
});

/** What the shell makes of `printf %s <quoted>`, as the remote login shell would run it. */
function echoThrough(shell: string, value: string): string {
  return execFileSync(shell, ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' });
}

function randomString(length: number): string {
  const specials = [...'\'"\\$`!*?[]{}()<>|&;#~=%^ \t\n\r-_/.:,@+'];
  const alphabet = [...specials, 'a', 'Z', '0', 'é', '✓', '🚀', '\u0001', '\u007f'];
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
