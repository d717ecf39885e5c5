// parseTarget: every form a person may type is split as OpenSSH would, and every refusal says specifically why.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import type { AppError } from '../../electron/shared/errors';
import { parseTarget, type SshTarget } from '../../electron/main/services/ssh/target';

describe('parseTarget accepts', () => {
  it.each<[string, SshTarget]>([
    ['host', { host: 'host' }],
    ['gateway.example.com', { host: 'gateway.example.com' }],
    ['my-alias_2', { host: 'my-alias_2' }],
    ['192.0.2.7', { host: '192.0.2.7' }],
    ['host:2222', { host: 'host', port: 2222 }],
    ['user@host', { user: 'user', host: 'host' }],
    ['user@host:22', { user: 'user', host: 'host', port: 22 }],
    ['user@host:65535', { user: 'user', host: 'host', port: 65535 }],
    ['user@host:1', { user: 'user', host: 'host', port: 1 }],
    ['[::1]', { host: '::1' }],
    ['[::1]:2222', { host: '::1', port: 2222 }],
    ['[v6::1]', { host: 'v6::1' }],
    ['user@[v6::1]:2222', { user: 'user', host: 'v6::1', port: 2222 }],
    ['user@[fe80::1%en0]:22', { user: 'user', host: 'fe80::1%en0', port: 22 }],
    ['[host.example]:2200', { host: 'host.example', port: 2200 }],
    // Unbracketed IPv6 is fine when its last group cannot be a port.
    ['::1', { host: '::1' }],
    ['user@fe80::1', { user: 'user', host: 'fe80::1' }],
    ['2001:db8::abcd', { host: '2001:db8::abcd' }],
    ['1:2:3:4:5:6:7:8', { host: '1:2:3:4:5:6:7:8' }],
    // OpenSSH splits on the last '@', so the user may hold one.
    ['alice@corp.example@host', { user: 'alice@corp.example', host: 'host' }],
    ['alice@corp@host:2022', { user: 'alice@corp', host: 'host', port: 2022 }],
  ])('%j', (text, expected) => {
    expect(parseTarget(text)).toStrictEqual(expected);
  });
});

describe('parseTarget refuses', () => {
  it.each<[string, string]>([
    ['', 'The SSH target is empty.'],
    ['-oProxyCommand=touch /tmp/pwned', `cannot start with '-', because ssh would read it as an option.`],
    ['-p', `The SSH target "-p" cannot start with '-'`],
    ['user@-oProxyCommand=x', `The host in the SSH target "user@-oProxyCommand=x" cannot start with '-'`],
    ['[-oProxyCommand=x]', `The host in the SSH target "[-oProxyCommand=x]" cannot start with '-'`],
    ['user@host name', 'The SSH target "user@host name" contains whitespace.'],
    ['host\n', 'The SSH target "host\\n" contains whitespace.'],
    ['user@\thost', 'The SSH target "user@\\thost" contains whitespace.'],
    ['host\u00a0x', 'contains whitespace.'],
    ['host\u0000', 'The SSH target "host\\u0000" contains a control character.'],
    ['ho\u001bst', 'The SSH target "ho\\u001bst" contains a control character.'],
    ['host\u007f', 'contains a control character.'],
    ['host\u0085', 'contains a control character.'],
    ['host:0', `The port "0" in the SSH target "host:0" is not a number from 1 to 65535.`],
    ['host:65536', `The port "65536" in the SSH target "host:65536" is not a number from 1 to 65535.`],
    ['host:99999999', `The port "99999999" in the SSH target "host:99999999" is not a number from 1 to 65535.`],
    ['host:ssh', `The port "ssh" in the SSH target "host:ssh" is not a number from 1 to 65535.`],
    ['host:-1', `The port "-1" in the SSH target "host:-1" is not a number from 1 to 65535.`],
    ['host:+22', `The port "+22" in the SSH target "host:+22" is not a number from 1 to 65535.`],
    ['[::1]:0', `The port "0" in the SSH target "[::1]:0" is not a number from 1 to 65535.`],
    ['host:', `The SSH target "host:" has ':' but no port after it.`],
    ['[::1]:', `The SSH target "[::1]:" has ':' but no port after it.`],
    [':22', `The SSH target ":22" has no host before ':'.`],
    ['user@:22', `The SSH target "user@:22" has no host before ':'.`],
    ['[::1', `The SSH target "[::1" has a '[' without a matching ']'.`],
    ['user@[::1:22', `The SSH target "user@[::1:22" has a '[' without a matching ']'.`],
    ['::1]', 'The SSH target "::1]" has unbalanced brackets.'],
    ['[[::1]]', 'The SSH target "[[::1]]" has unbalanced brackets.'],
    ['[::1]]:22', 'The SSH target "[::1]]:22" has unbalanced brackets.'],
    ['ho[st', 'The SSH target "ho[st" has unbalanced brackets.'],
    ['[]:22', `The SSH target "[]:22" has nothing between '[' and ']'.`],
    ['[::1]22', `The SSH target "[::1]22" has "22" after ']', where only ':port' may follow.`],
    [
      'fe80::1:2222',
      `The SSH target "fe80::1:2222" is ambiguous: ':2222' could be the end of an IPv6 address or a port.`,
    ],
    ['user@2001:db8::1:22', `is ambiguous: ':22' could be the end of an IPv6 address or a port.`],
    ['1:2:3:4:5:6:7:8:22', `is ambiguous: ':22' could be the end of an IPv6 address or a port.`],
    ['host:22:33', `The SSH target "host:22:33" has more than one ':' but is not an IPv6 address.`],
    ['@host', `The SSH target "@host" has nothing before '@'.`],
    ['@', `The SSH target "@" has nothing before '@'.`],
    ['user@', `The SSH target "user@" has no host after '@'.`],
    // With the split on the last '@', a second '@' lands in the user part; inside brackets it breaks them.
    ['user@[a@b]:22', `The SSH target "user@[a@b]:22" has unbalanced brackets.`],
    [
      'host;reboot',
      `The host in the SSH target "host;reboot" contains ';', which OpenSSH does not allow in a host name.`,
    ],
    ['a,b', `The host in the SSH target "a,b" contains ',', which OpenSSH does not allow in a host name.`],
    ['user@$(id)', `The host in the SSH target "user@$(id)" contains '$'`],
    ['[a`b]', "contains '`'"],
  ])('%j', (text, message) => {
    const error = refusal(text);
    expect(error.kind).toBe('invalid-target');
    expect(error.message).toContain(message);
    expect(error.hint).toBeTruthy();
  });

  it('suggests both bracketed readings of an ambiguous IPv6 target', () => {
    expect(refusal('fe80::1:2222').hint).toBe(
      'Use brackets: [fe80::1]:2222 for port 2222, or [fe80::1:2222] for the whole address.',
    );
  });
});

function refusal(text: string): AppError {
  try {
    parseTarget(text);
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error(`parseTarget accepted ${JSON.stringify(text)}`);
}
