// Actions on the live connection: its status, connect (a profile by ID or name, the primary one without), disconnect,
// retry now, and the person's answer to a question asked while connecting.
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import type { Action } from './app-core';

export const connectionStatus: Action<'connection:status'> = (core) => core.connection.status;

export const connect: Action<'connection:connect'> = (core, { profileId }) => core.connection.connect(profileId);

export const disconnect: Action<'connection:disconnect'> = async (core) => {
  await core.connection.disconnect();
  return core.connection.status;
};

export const retryNow: Action<'connection:retry-now'> = (core) => {
  core.connection.nudge();
  return core.connection.status;
};

export const answerPrompt: Action<'prompt:answer'> = (core, answer) => {
  if (!core.broker) {
    throw new AppFailure(
      appError(
        'prompt-not-waiting',
        'Questions are asked and answered on the terminal here, not through requests.',
        'Answer at the prompt in the terminal.',
      ),
    );
  }
  core.broker.answer(answer);
  return null;
};
