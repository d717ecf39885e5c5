// The window's requests about the live connection, and the answers to the questions it asks while connecting.
import type { Handlers } from '../router';
import type { ConnectionManager } from '../services/connection/connection-manager';
import type { PromptBroker } from '../services/connection/prompt-broker';

type ConnectionHandlers = Pick<
  Handlers,
  'connection:status' | 'connection:connect' | 'connection:disconnect' | 'connection:retry-now' | 'prompt:answer'
>;

export function connectionHandlers(connection: ConnectionManager, broker: PromptBroker): ConnectionHandlers {
  return {
    'connection:status': () => connection.status,
    'connection:connect': ({ profileId }) => connection.connect(profileId),
    'connection:disconnect': async () => {
      await connection.disconnect();
      return connection.status;
    },
    'connection:retry-now': () => {
      connection.nudge();
      return connection.status;
    },
    'prompt:answer': (answer) => {
      broker.answer(answer);
      return null;
    },
  };
}
