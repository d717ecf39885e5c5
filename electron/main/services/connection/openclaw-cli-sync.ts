// "Also set up the OpenClaw CLI on this Mac": whenever a profile with that option comes up (and again if its tunnel
// lands on another local port), this Mac's openclaw.json is pointed at it, so `openclaw status` here goes through
// our tunnel. A failed write is logged and never disturbs the connection.
import type { ConnectionStatus } from '../../../shared/connection-status';
import type { Profile } from '../../../shared/profile';
import { errorOf } from '../../app-failure';
import type { Logger } from '../log/app-log';
import type { ConfigureCliRequest, ConfigureCliResult } from '../openclaw-config/configure-cli';

export interface OpenclawCliSyncDeps {
  profile(id: string): Profile | undefined;
  token(id: string): Promise<string | undefined>;
  configure(request: ConfigureCliRequest): Promise<ConfigureCliResult>;
  log: Logger;
}

/** Returns the status listener to attach to the connection manager. */
export function openclawCliSync(deps: OpenclawCliSyncDeps): (status: ConnectionStatus) => void {
  let written: string | undefined;
  return (status) => {
    if (status.state !== 'connected' || status.profileId === undefined) return;
    const profile = deps.profile(status.profileId);
    if (!profile?.configureOpenclaw) return;
    const key = `${profile.id}:${status.route?.localPort ?? ''}:${JSON.stringify(profile.route)}`;
    if (key === written) return;
    written = key;
    void (async () => {
      try {
        const result = await deps.configure({
          profile,
          token: await deps.token(profile.id),
          ...(status.route?.localPort === undefined ? {} : { tunnelLocalPort: status.route.localPort }),
        });
        if (result.changed) {
          deps.log.info(
            `Pointed the OpenClaw CLI at ${profile.name} in ${result.configPath} (set ${result.set.join(', ') || 'nothing'}` +
              `${result.removed.length ? `; removed ${result.removed.join(', ')}` : ''})` +
              `${result.backupPath ? `; the previous file is in ${result.backupPath}` : ''}` +
              `${result.commentsDropped ? '; its comments are kept only in that backup' : ''}.`,
          );
        }
      } catch (error) {
        written = undefined;
        deps.log.warn(
          `Could not set up the OpenClaw CLI for ${profile.name}: ${errorOf(error, 'openclaw-config-write-failed').message}`,
        );
      }
    })();
  };
}
