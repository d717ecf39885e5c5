// Reading the remote Gateway's log through the link that is up: one page of `logs.tail` per call, newest window or
// from a cursor on, with every secret this app holds redacted before a line leaves main. The Logs page polls it while
// it is open; `openclaw-remote logs --follow` polls it the same way.
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import { storedSecretsRedaction } from '../services/doctor/report-redaction';
import { readGatewayLogPage } from '../services/gateway/gateway-log';
import type { Action, AppCore } from './app-core';

/** The first page's window: some hundred records of the Gateway's JSON log. */
const DEFAULT_WINDOW_BYTES = 64 * 1024;
const DEFAULT_LIMIT = 1000;

export const tailGatewayLog: Action<'gateway-log:tail'> = async (core, { profileId, cursor, windowBytes, limit }) => {
  const profile = core.profiles.findOrPrimary(profileId);
  const gateway = core.connection.live(profile.id)?.gateway;
  if (!gateway) {
    throw new AppFailure(
      appError(
        'gateway-not-connected',
        `${profile.name} is not connected, so its Gateway’s log cannot be read.`,
        `Connect it (Connect, or openclaw-remote connect ${profile.name}); the log follows once it is up.`,
      ),
    );
  }
  return readGatewayLogPage(
    gateway,
    {
      ...(cursor === undefined ? {} : { cursor }),
      windowBytes: windowBytes ?? DEFAULT_WINDOW_BYTES,
      limit: limit ?? DEFAULT_LIMIT,
    },
    await secretRedaction(core),
  );
};

/** Every secret the app holds (stored tokens, device tokens, keys) and every one the app log was told about. */
async function secretRedaction(core: AppCore): Promise<(text: string) => string> {
  const stored = await storedSecretsRedaction(core.secrets);
  return (text) => stored.redact(core.log.redact(text));
}
