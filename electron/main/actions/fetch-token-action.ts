// Fetch from host: for a profile that reaches its host over SSH, open that SSH link exactly as connecting does (the
// same host key checks and questions, the same keys), read the Gateway's port and token from the OpenClaw config
// there as the Gateway itself would, and store them in the profile. The token is stored, never returned; a live
// connection whose error asked for it connects again at once.
import { appError } from '../../shared/errors';
import type { Profile } from '../../shared/profile';
import { AppFailure } from '../app-failure';
import { withRememberedPassphrases } from '../services/connection/remembered-passphrases';
import { sshSettingsForProfile } from '../services/connection/route-for-profile';
import { fetchGatewaySettingsFromHost } from '../services/gateway/fetch-from-host';
import { sshConnector } from '../services/connection/ssh-route';
import type { Action } from './app-core';
import { retryIfTokenWasAskedFor } from './retry-after-token';

export const fetchTokenFromHost: Action<'profiles:fetch-token'> = async (core, { id }) => {
  const { profiles, log } = core;
  const profile = profiles.find(id);
  const ssh = sshSettingsForProfile(profile);
  if (!ssh) throw notOverSsh(profile);
  const sshLog = log.logger('ssh');
  const open = sshConnector(ssh, {
    config: core.sshConfig,
    prompts: withRememberedPassphrases(core.prompts, core.secrets, profile.id),
    log: sshLog,
    clock: core.system.clock,
  });
  sshLog.info(`Fetching the Gateway's settings from ${ssh.target} for ${profile.name}.`);
  const client = await open({ signal: new AbortController().signal, onStep: () => {} });
  let found;
  try {
    found = await fetchGatewaySettingsFromHost(client, {
      redact: (secret) => log.addSecret(secret),
      clock: core.system.clock,
    });
  } finally {
    client.end();
  }
  if (found.token !== undefined) await profiles.setToken(profile.id, found.token);
  const updated =
    found.port === ssh.remotePort ? profile : profiles.update(profile.id, { route: withPort(profile, found.port) });
  log
    .logger('profiles')
    .info(
      `Fetched from ${found.configPath} on ${ssh.target}: Gateway port ${found.port}, auth ${found.authMode}` +
        `${found.token === undefined ? '' : ', token stored'}.`,
    );
  // What the error asked for has changed (the token, or the port it is reached on): the live connection tries it now.
  if (found.token !== undefined || updated !== profile) await retryIfTokenWasAskedFor(core, profile.id);
  return {
    profile: updated,
    port: found.port,
    authMode: found.authMode,
    tokenStored: found.token !== undefined,
    configPath: found.configPath,
  };
};

function withPort(profile: Profile, port: number): Profile['route'] {
  const { route } = profile;
  if (route.kind === 'ssh') return { ...route, remotePort: port };
  if (route.kind === 'tailscale' && route.via.kind === 'ssh')
    return { ...route, via: { ...route.via, remotePort: port } };
  return route;
}

function notOverSsh(profile: Profile): AppFailure {
  return new AppFailure(
    appError(
      'fetch-token-needs-ssh',
      `${profile.name} reaches its Gateway at a URL, so the app cannot read the host's OpenClaw config over SSH.`,
      'On the Gateway host, run "openclaw gateway auth-token --show" in a terminal and paste the token into the profile.',
    ),
  );
}
