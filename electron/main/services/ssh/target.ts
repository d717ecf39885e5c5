// Splits what a person types as an SSH target (user@host:port, [IPv6]:port, a ~/.ssh/config alias) into its
// parts, refusing anything ssh could read as an option or that could mean two different things.
import { isIPv6 } from 'node:net';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';

export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
}

const FORMS_HINT =
  'Enter the target as host, user@host, user@host:port, [IPv6 address]:port, or a Host alias from ~/.ssh/config.';
const BRACKETS_HINT = 'Put an IPv6 address inside one pair of brackets, as in user@[fe80::1]:2222.';

// The characters OpenSSH's own valid_hostname() refuses: they reach shells through ProxyCommand's %h, and a
// comma would split a ProxyJump list.
const FORBIDDEN_HOST_CHARACTERS = new Set(["'", '`', '"', '$', '\\', ';', '&', '<', '>', '|', '(', ')', '{', '}', ',']);
const MAX_PORT = 65535;

function refuse(message: string, hint: string = FORMS_HINT): never {
  throw new AppFailure(appError('invalid-target', message, hint));
}

export function parseTarget(text: string): SshTarget {
  // JSON quoting makes a stray newline or escape character visible in the message.
  const shown = JSON.stringify(text);
  if (text === '') refuse('The SSH target is empty.');
  if (text.startsWith('-')) {
    refuse(`The SSH target ${shown} cannot start with '-', because ssh would read it as an option.`);
  }
  if (/\s/u.test(text)) {
    refuse(
      `The SSH target ${shown} contains whitespace.`,
      'Remove the spaces or line breaks; a pasted target often carries a trailing newline.',
    );
  }
  if ([...text].some(isControlCharacter)) refuse(`The SSH target ${shown} contains a control character.`);

  // Like ssh itself, split on the last '@': account names such as alice@corp.example are common.
  const at = text.lastIndexOf('@');
  const user = at === -1 ? undefined : text.slice(0, at);
  const hostAndPort = text.slice(at + 1);
  if (user === '') {
    refuse(`The SSH target ${shown} has nothing before '@'.`, 'Put the user name before the @, or leave out the @.');
  }
  if (hostAndPort === '') refuse(`The SSH target ${shown} has no host after '@'.`);

  const { host, portText } = splitHostAndPort(hostAndPort, shown);
  checkHost(host, shown);
  const port = portText === undefined ? undefined : parsePort(portText, shown);
  return { ...(user === undefined ? {} : { user }), host, ...(port === undefined ? {} : { port }) };
}

function splitHostAndPort(hostAndPort: string, shown: string): { host: string; portText?: string } {
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']');
    if (close === -1) refuse(`The SSH target ${shown} has a '[' without a matching ']'.`, BRACKETS_HINT);
    const host = hostAndPort.slice(1, close);
    const rest = hostAndPort.slice(close + 1);
    if (host.includes('[') || rest.includes('[') || rest.includes(']')) {
      refuse(`The SSH target ${shown} has unbalanced brackets.`, BRACKETS_HINT);
    }
    if (host === '') refuse(`The SSH target ${shown} has nothing between '[' and ']'.`, BRACKETS_HINT);
    if (rest === '') return { host };
    if (!rest.startsWith(':')) {
      refuse(
        `The SSH target ${shown} has ${JSON.stringify(rest)} after ']', where only ':port' may follow.`,
        BRACKETS_HINT,
      );
    }
    return { host, portText: rest.slice(1) };
  }
  if (hostAndPort.includes('[') || hostAndPort.includes(']')) {
    refuse(`The SSH target ${shown} has unbalanced brackets.`, BRACKETS_HINT);
  }

  const parts = hostAndPort.split(':');
  if (parts.length === 1) return { host: hostAndPort };
  if (parts.length === 2) {
    const [host = '', portText = ''] = parts;
    if (host === '') refuse(`The SSH target ${shown} has no host before ':'.`);
    return { host, portText };
  }
  return { host: bareIPv6(hostAndPort, shown) };
}

/** An unbracketed IPv6 address, accepted only when its last group cannot also be read as a port. */
function bareIPv6(text: string, shown: string): string {
  const lastColon = text.lastIndexOf(':');
  const head = text.slice(0, lastColon);
  const tail = text.slice(lastColon + 1);
  if (/^\d{1,5}$/u.test(tail) && isIPv6(head)) {
    refuse(
      `The SSH target ${shown} is ambiguous: ':${tail}' could be the end of an IPv6 address or a port.`,
      `Use brackets: [${head}]:${tail} for port ${tail}, or [${text}] for the whole address.`,
    );
  }
  if (!isIPv6(text)) {
    refuse(`The SSH target ${shown} has more than one ':' but is not an IPv6 address.`, BRACKETS_HINT);
  }
  return text;
}

function checkHost(host: string, shown: string): void {
  if (host.startsWith('-')) {
    refuse(`The host in the SSH target ${shown} cannot start with '-', because ssh would read it as an option.`);
  }
  const forbidden = [...host].find((character) => FORBIDDEN_HOST_CHARACTERS.has(character));
  if (forbidden !== undefined) {
    refuse(`The host in the SSH target ${shown} contains '${forbidden}', which OpenSSH does not allow in a host name.`);
  }
}

/** C0 and C1 controls and DEL: invisible in a text field, and terminal escapes in a log. */
function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function parsePort(portText: string, shown: string): number {
  if (portText === '') refuse(`The SSH target ${shown} has ':' but no port after it.`);
  const port = /^\d{1,5}$/u.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= MAX_PORT)) {
    refuse(`The port ${JSON.stringify(portText)} in the SSH target ${shown} is not a number from 1 to ${MAX_PORT}.`);
  }
  return port;
}
