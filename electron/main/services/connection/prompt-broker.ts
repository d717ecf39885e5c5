// SSH questions for a person at the window: each question goes out as a `prompt:request` event with an ID and
// waits for the `prompt:answer` with that ID. Nobody answering is a refusal after a while (the connection then
// closes with that reason), never a connection left hanging.
import { randomUUID } from 'node:crypto';
import type { PromptAnswer, PromptRequest } from '../../../shared/prompt';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { PROMPT_UNANSWERED } from '../ssh/types';
import type { Clock } from '../system/clock';
import type { ConnectionPrompts } from './remembered-passphrases';

export interface PromptBroker {
  prompts: ConnectionPrompts;
  answer(answer: PromptAnswer): void;
}

type Question =
  Omit<Extract<PromptRequest, { kind: 'host-key' }>, 'id'> | Omit<Extract<PromptRequest, { kind: 'passphrase' }>, 'id'>;

/** Long enough to find the fingerprint the server's administrator sent; short enough that nothing hangs forever. */
const DEFAULT_ANSWER_TIMEOUT_MS = 5 * 60_000;

export function createPromptBroker(
  ask: (request: PromptRequest) => void,
  clock: Clock,
  answerTimeoutMs = DEFAULT_ANSWER_TIMEOUT_MS,
): PromptBroker {
  const waiting = new Map<string, (answer: PromptAnswer['answer'] | undefined) => void>();

  function question(request: Question): Promise<PromptAnswer['answer'] | undefined> {
    const id = randomUUID();
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => settle(undefined), answerTimeoutMs);
      const settle = (answer: PromptAnswer['answer'] | undefined) => {
        clock.clearTimeout(timer);
        waiting.delete(id);
        resolve(answer);
      };
      waiting.set(id, settle);
      ask({ ...request, id });
    });
  }

  return {
    prompts: {
      async trustHostKey(request) {
        const answer = await question({ kind: 'host-key', ...request });
        if (answer === undefined) {
          throw new AppFailure(
            appError(
              PROMPT_UNANSWERED,
              `nobody answered the question in the window within ${Math.round(answerTimeoutMs / 60_000)} minutes.`,
              'Connect again and answer the question about the host key.',
            ),
          );
        }
        return 'trust' in answer && answer.trust;
      },
      async passphrase(request) {
        const answer = await question({ kind: 'passphrase', keyFile: request.keyFile });
        if (answer === undefined || !('passphrase' in answer)) return { passphrase: undefined, remember: false };
        return { passphrase: answer.passphrase ?? undefined, remember: answer.remember === true };
      },
    },
    answer({ id, answer }) {
      const settle = waiting.get(id);
      if (!settle) {
        throw new AppFailure(
          appError(
            'prompt-not-waiting',
            'That question was already answered or has expired.',
            'Connect again to be asked anew.',
          ),
        );
      }
      settle(answer);
    },
  };
}
