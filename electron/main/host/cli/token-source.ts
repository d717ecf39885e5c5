// Where the CLI takes a Gateway token from: a file, standard input or OPENCLAW_GATEWAY_TOKEN, never the command
// line, where it would show in `ps` and in the shell's history.
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { MAX_TOKEN_LENGTH } from '../../../shared/contract';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';

export interface TokenFlags {
  tokenFile?: string;
  tokenStdin?: boolean;
}

export async function readToken(
  flags: TokenFlags,
  stdin: Readable,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  if (flags.tokenFile !== undefined && flags.tokenStdin) {
    throw new AppFailure(
      appError(
        'invalid-token-source',
        'The token was given both with --token-file and with --token-stdin.',
        'Keep one of the two.',
      ),
    );
  }
  if (flags.tokenFile !== undefined) {
    let text: string;
    try {
      text = await readBounded(flags.tokenFile);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      throw new AppFailure(
        appError(
          'token-file-unreadable',
          `Could not read the token file ${flags.tokenFile}: ${(error as Error).message}`,
          'Check the path, and that your user may read the file.',
        ),
      );
    }
    return checked(text, `the token file ${flags.tokenFile}`);
  }
  if (flags.tokenStdin) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      // Stop at once: a token never needs more, and `< /dev/zero` must not be read to the end.
      if (text.length > MAX_INPUT_CHARACTERS) throw tooLong('standard input');
    }
    return checked(text, 'standard input');
  }
  const fromEnv = env.OPENCLAW_GATEWAY_TOKEN;
  return fromEnv === undefined || fromEnv === '' ? undefined : checked(fromEnv, 'OPENCLAW_GATEWAY_TOKEN');
}

/** The longest token plus the line ending an editor adds: anything past this is not a token. */
const MAX_INPUT_CHARACTERS = MAX_TOKEN_LENGTH + 2;

/**
 * At most MAX_INPUT_CHARACTERS + 1 bytes of the file, so a huge file (or /dev/zero) is refused without reading it;
 * a regular file others can read is refused before anything is read.
 */
async function readBounded(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    // As OpenSSH does with keys: a token others can read is not a secret any more, and the person should know.
    if (stat.isFile() && (stat.mode & 0o077) !== 0) {
      throw new AppFailure(
        appError(
          'token-file-unprotected',
          `The token file ${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}), so the ` +
            'Gateway token in it is not secret on this Mac.',
          `Run chmod 600 ${file}, and if others may have read it, replace the token on the Gateway host.`,
        ),
      );
    }
    const buffer = Buffer.alloc(MAX_INPUT_CHARACTERS + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > MAX_INPUT_CHARACTERS) throw tooLong(`the token file ${file}`);
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    await handle.close();
  }
}

function tooLong(source: string): AppFailure {
  return new AppFailure(
    appError(
      'invalid-token',
      `The token in ${source} is longer than ${MAX_TOKEN_LENGTH} characters, so it is not a Gateway token.`,
      "Give the Gateway's token alone: gateway.auth.token in openclaw.json on the Gateway's host.",
    ),
  );
}

/** One line of printable text: the trailing newline an editor or `echo` adds is dropped, anything else refused. */
function checked(raw: string, source: string): string {
  const token = raw.replace(/\r?\n$/u, '');
  if (token === '') {
    throw new AppFailure(
      appError(
        'invalid-token',
        `The token in ${source} is empty.`,
        "Give the Gateway's token: gateway.auth.token in openclaw.json on the Gateway's host.",
      ),
    );
  }
  if (/[\s\p{Cc}]/u.test(token)) {
    throw new AppFailure(
      appError(
        'invalid-token',
        `The token in ${source} contains spaces, line breaks or control characters.`,
        'A Gateway token is one line of text with no spaces; check what was copied.',
      ),
    );
  }
  return token;
}
