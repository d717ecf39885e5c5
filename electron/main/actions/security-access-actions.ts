// The Security page's access sections, for the window and the CLI alike: the profile's SSH key (shown, made anew,
// installed on the host over the live SSH link) and who gets in (the Gateway's clients and paired devices, the host's
// last SSH logins), read through the connection that is up rather than a link of their own.
import { appError } from '../../shared/errors';
import type { Profile, Route } from '../../shared/profile';
import type { SshKeyState, WhoGetsIn } from '../../shared/security-access';
import { AppFailure } from '../app-failure';
import { sshSettingsForProfile } from '../services/connection/route-for-profile';
import { withProfileOverrides } from '../services/connection/ssh-route';
import { connectedClients, pairedDevices } from '../services/gateway/who-uses-gateway';
import { AUTHORIZED_KEYS, installAuthorizedKey } from '../services/ssh/authorized-keys';
import { lastLogins } from '../services/ssh/last-logins';
import { resolveSshConfig } from '../services/ssh/ssh-config';
import {
  blobOfPublicLine,
  displayPath,
  fingerprintOf,
  firstExistingKey,
  generateEd25519Key,
  inspectKey,
  publicKeyLineOf,
} from '../services/ssh/ssh-key';
import type { Action, AppCore } from './app-core';

/** The key the profile's next connect offers first: its identity file, else the first of OpenSSH's defaults there. */
interface KeyChoice {
  path: string | undefined;
  source: 'profile' | 'default';
  hostName: string;
}

async function keyChoice(core: AppCore, profile: Profile): Promise<KeyChoice> {
  const settings = sshSettingsForProfile(profile);
  if (!settings) {
    throw new AppFailure(
      appError(
        'security-key-needs-ssh',
        `${profile.name} reaches its Gateway at a URL, without SSH, so it has no SSH key.`,
        'An SSH key matters for profiles of the kind Remote over SSH (or Tailscale over SSH).',
      ),
    );
  }
  const home = core.sshConfig.home;
  const config = withProfileOverrides(await resolveSshConfig(settings.target, core.sshConfig), settings, home);
  const source = settings.identityFile === undefined ? 'default' : 'profile';
  return { path: await firstExistingKey(config.identityFiles, core.system), source, hostName: config.hostname };
}

export const sshKeyState: Action<'security:ssh-key'> = async (core, { profileId }): Promise<SshKeyState> => {
  const profile = core.profiles.find(profileId);
  if (!sshSettingsForProfile(profile)) return { ssh: false, key: null };
  const choice = await keyChoice(core, profile);
  const home = core.sshConfig.home;
  if (choice.path === undefined) {
    const named = sshSettingsForProfile(profile)?.identityFile;
    return { ssh: true, key: null, ...(named === undefined ? {} : { missingFile: named }) };
  }
  return { ssh: true, key: await inspectKey(choice.path, choice.source, { system: core.system, home }) };
};

export const generateSshKey: Action<'security:generate-key'> = async (core, { profileId, passphrase }) => {
  const profile = core.profiles.find(profileId);
  const { hostName } = await keyChoice(core, profile);
  // Never in the log, whatever reports the request; it lives only in the key file, encrypted.
  if (passphrase) core.log.addSecret(passphrase);
  const home = core.sshConfig.home;
  const { os } = core.system;
  const path = await generateEd25519Key(
    {
      home,
      hostName,
      comment: `${os.userInfo().username}@${os.hostname()} (OpenClaw Remote)`,
      ...(passphrase ? { passphrase } : {}),
    },
    core.system,
  );
  const saved = core.profiles.update(profile.id, { route: withIdentityFile(profile.route, displayPath(path, home)) });
  const key = await inspectKey(path, 'profile', { system: core.system, home });
  core.log
    .logger('security')
    .info(
      `New Ed25519 key ${key.fingerprint ?? ''} at ${key.path}${passphrase ? ' (passphrase set)' : ''}, now ` +
        `${saved.name}'s identity file`,
    );
  return { key, profile: saved };
};

export const installSshKey: Action<'security:install-key'> = async (core, { profileId }) => {
  const profile = core.profiles.find(profileId);
  const choice = await keyChoice(core, profile);
  const ssh = liveOrRefuse(core, profile).ssh;
  if (!ssh) throw needsConnection(profile, 'its SSH link is not up');
  const keyLine = choice.path === undefined ? undefined : await publicKeyLineOf(choice.path, core.system);
  const blob = blobOfPublicLine(keyLine);
  if (keyLine === undefined || blob === undefined) {
    throw new AppFailure(
      appError(
        'ssh-key-missing',
        choice.path === undefined
          ? `${profile.name} has no SSH key on this Mac to install.`
          : `The public half of ${displayPath(choice.path, core.sshConfig.home)} could not be read.`,
        'Generate a new Ed25519 key on this page first, then install it.',
      ),
    );
  }
  const added = await installAuthorizedKey(ssh, keyLine, core.system.clock);
  const fingerprint = fingerprintOf(blob);
  core.log
    .logger('security')
    .info(`${fingerprint} ${added ? 'added to' : 'already in'} ~/${AUTHORIZED_KEYS} on the host of ${profile.name}`);
  return { added, file: `~/${AUTHORIZED_KEYS}`, fingerprint };
};

export const whoGetsIn: Action<'security:who'> = async (core, { profileId }): Promise<WhoGetsIn> => {
  const profile = core.profiles.find(profileId);
  const live = liveOrRefuse(core, profile);
  const notSignedIn = {
    unavailable: 'The Gateway is not signed in to yet; this fills in once the connection is up.',
  };
  const sshLogins = async (): Promise<WhoGetsIn['logins']> => {
    if (!sshSettingsForProfile(profile)) {
      return { unavailable: `${profile.name} reaches its Gateway without SSH, so there are no SSH logins to list.` };
    }
    if (!live.ssh) return { unavailable: 'The SSH link is not up right now; this fills in once it is.' };
    try {
      return await lastLogins(live.ssh, core.system.clock);
    } catch (error) {
      if (error instanceof AppFailure) return { unavailable: error.error.message };
      throw error;
    }
  };
  const [clients, devices, logins] = await Promise.all([
    live.gateway ? connectedClients(live.gateway) : notSignedIn,
    live.gateway ? pairedDevices(live.gateway) : notSignedIn,
    sshLogins(),
  ]);
  return { clients, devices, logins };
};

function liveOrRefuse(core: AppCore, profile: Profile) {
  const live = core.connection.live(profile.id);
  if (!live) throw needsConnection(profile, 'it is not connected');
  return live;
}

function needsConnection(profile: Profile, why: string): AppFailure {
  return new AppFailure(
    appError(
      'needs-live-connection',
      `This works through ${profile.name}'s live connection, and ${why}.`,
      `Connect first: the Connect button here, or openclaw-remote connect "${profile.name}".`,
    ),
  );
}

function withIdentityFile(route: Route, identityFile: string): Route {
  if (route.kind === 'ssh') return { ...route, identityFile };
  if (route.kind === 'tailscale' && route.via.kind === 'ssh') return { ...route, via: { ...route.via, identityFile } };
  return route;
}
