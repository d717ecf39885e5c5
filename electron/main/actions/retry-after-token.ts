// Saving the token an error asked for retries at once: when the live connection stopped (or warns) because of its
// profile's Gateway token, storing a new token for that profile connects it again, whoever stored it (the window's
// editor, Fetch from host, the CLI), so nobody has to press Connect after fixing what the error said.
import type { AppCore } from './app-core';

/** Fixes that mean "this profile's Gateway token is what is wrong". */
const TOKEN_FIXES: ReadonlySet<string> = new Set(['enter-token', 'fetch-token']);

/** Reconnects `profileId` if the live connection is that profile's and its last error asks for a new token. */
export async function retryIfTokenWasAskedFor(core: AppCore, profileId: string): Promise<void> {
  const { profileId: live, lastError } = core.connection.status;
  if (live !== profileId || !lastError) return;
  if (lastError.action === undefined || !TOKEN_FIXES.has(lastError.action)) return;
  core.log
    .logger('connection')
    .info('A new Gateway token was saved for the profile whose token was refused; connecting again.');
  await core.connection.connect(profileId);
}
