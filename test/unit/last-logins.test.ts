// Reading `last -n 10` for "watch who gets in": logins with user, terminal, origin and time, boot records and the
// closing "wtmp begins" line left out, and one sentence when the host has no `last` or will not let the account read
// its login records.
import { describe, expect, it } from 'vitest';
import { readLastOutput } from '../../electron/main/services/ssh/last-logins';

describe('readLastOutput', () => {
  it('reads util-linux last: with and without an origin, boots and the footer left out', () => {
    const stdout = [
      'alice    pts/1        203.0.113.7      Wed Dec  2 03:00   still logged in',
      'bob      pts/0        10.0.0.2         Tue Dec  1 21:40 - 22:05  (00:25)',
      'reboot   system boot  6.1.0-13-amd64   Tue Dec  1 21:20   still running',
      'carol    tty1                          Tue Dec  1 20:00 - down   (01:10)',
      '',
      'wtmp begins Tue May 20 00:00:00 2025',
      '',
    ].join('\n');
    expect(readLastOutput(0, stdout, '')).toEqual({
      items: [
        { user: 'alice', line: 'pts/1', origin: '203.0.113.7', when: 'Wed Dec 2 03:00 still logged in' },
        { user: 'bob', line: 'pts/0', origin: '10.0.0.2', when: 'Tue Dec 1 21:40 - 22:05 (00:25)' },
        { user: 'carol', line: 'tty1', when: 'Tue Dec 1 20:00 - down (01:10)' },
      ],
    });
  });

  it('gives no logins for an empty wtmp', () => {
    expect(readLastOutput(0, '\nwtmp begins Tue May 20 00:00:00 2025\n', '')).toEqual({ items: [] });
  });

  it('says so when the host has no last', () => {
    const missing = readLastOutput(127, '', 'bash: line 1: last: command not found\n');
    expect(missing).toEqual({ unavailable: expect.stringContaining('has no `last` command') });
  });

  it('says so when the account may not read wtmp', () => {
    const denied = readLastOutput(1, '', 'last: cannot open /var/log/wtmp: Permission denied\n');
    expect(denied).toEqual({ unavailable: expect.stringContaining('may not read the host') });
  });
});
