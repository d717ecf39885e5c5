// How the CLI asks a person while connecting: on a terminal, OpenSSH's own questions (trust this host key? the
// key's passphrase, typed without echo); without one, unknown host keys are refused unless the user passed
// --accept-new-host-key (OpenSSH's accept-new), and encrypted keys are skipped.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionPrompts } from '../../services/connection/remembered-passphrases';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { PROMPT_UNANSWERED, type HostTrustRequest } from '../../services/ssh/types';

export interface Terminal {
  input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: Writable;
}

export function terminalPrompts(terminal: Terminal, options: { acceptNewHostKey: boolean }): ConnectionPrompts {
  const interactive = terminal.input.isTTY === true;
  return {
    async trustHostKey(request) {
      if (options.acceptNewHostKey) {
        terminal.output.write(
          `Trusting the new ${request.keyType} key of ${where(request)} (--accept-new-host-key): ` +
            `${request.fingerprint}, recorded in ${request.knownHostsFile}\n`,
        );
        return true;
      }
      if (!interactive) {
        throw new AppFailure(
          appError(
            PROMPT_UNANSWERED,
            'this command has no terminal to ask on.',
            `Connect once with "ssh" to ${where(request)} in a terminal to check and trust the key, or pass ` +
              '--accept-new-host-key to trust a key never seen before.',
          ),
        );
      }
      const answer = await ask(
        terminal,
        `The authenticity of host '${where(request)}' can't be established.\n` +
          (request.otherKeyTypesKnown?.length
            ? `Keys of another type are known for this host (${request.otherKeyTypesKnown.join(', ')}).\n`
            : '') +
          `${request.keyType} key fingerprint is ${request.fingerprint}.\n` +
          'Are you sure you want to continue connecting (yes/no)? ',
      );
      return answer.trim().toLowerCase() === 'yes';
    },
    async passphrase(request) {
      if (!interactive) return { passphrase: undefined, remember: false };
      const passphrase = await askHidden(terminal, `Enter passphrase for key '${request.keyFile}': `);
      // Kept for this connection only: the terminal never writes a passphrase to the plain-text secrets file.
      return { passphrase: passphrase === '' ? undefined : passphrase, remember: false };
    },
  };
}

/** A y/N question on the terminal: true only for "y" or "yes". */
export async function confirmOnTerminal(terminal: Terminal, question: string): Promise<boolean> {
  const answer = (await ask(terminal, `${question} [y/N] `)).trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}

function where(request: HostTrustRequest): string {
  return request.port === 22 ? request.host : `[${request.host}]:${request.port}`;
}

async function ask(terminal: Terminal, question: string): Promise<string> {
  const reader = createInterface({ input: terminal.input, output: terminal.output, terminal: false });
  try {
    return await reader.question(question);
  } finally {
    reader.close();
  }
}

/** Reads a line without echoing it, as ssh does for passphrases. */
async function askHidden(terminal: Terminal, question: string): Promise<string> {
  terminal.output.write(question);
  terminal.input.setRawMode?.(true);
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const character of chunk.toString('utf8')) {
          if (character === '\r' || character === '\n') {
            finish();
            resolve(typed);
            return;
          }
          if (character === '\u0003') {
            finish();
            reject(new Error('Cancelled at the passphrase prompt.'));
            return;
          }
          typed = character === '\u007f' ? typed.slice(0, -1) : typed + character;
        }
      };
      const finish = () => {
        terminal.input.off('data', onData);
        terminal.input.pause();
        terminal.output.write('\n');
      };
      terminal.input.on('data', onData);
      terminal.input.resume();
    });
  } finally {
    terminal.input.setRawMode?.(false);
  }
}
