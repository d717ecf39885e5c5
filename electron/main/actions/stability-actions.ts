// How steady a profile's link is: its history of the last hour (keepalive round trips, drops and recoveries), and
// the one action that sets its SSH keepalive to values chosen from why it dropped, for the window and the CLI alike.
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import { proposeKeepalive, withKeepalive } from '../services/connection/stability-settings';
import type { Action } from './app-core';

export const stabilityHistory: Action<'connection:stability'> = ({ profiles, stability }, { profileId }) =>
  stability.history(profiles.findOrPrimary(profileId).id);

/** Saved in the profile; a connection that is up keeps its keepalive until it connects again. */
export const applyStabilitySettings: Action<'profiles:apply-stability-settings'> = async (core, { profileId }) => {
  const profile = core.profiles.find(profileId);
  const proposal = await proposeKeepalive(profile, core.stability.history(profile.id), core.sshConfig);
  if (!proposal) {
    throw new AppFailure(
      appError(
        'stability-settings-need-ssh',
        `${profile.name} reaches its Gateway at a URL, which has no SSH keepalive to tune.`,
        'A URL link that drops often points at the network on the way: check Wi-Fi, VPN or Tailscale.',
      ),
    );
  }
  core.log
    .logger('connection')
    .info(
      `Keepalive of ${profile.name}: every ${proposal.intervalSeconds} s, ${proposal.countMax} missed replies allowed. ${proposal.because}`,
    );
  return core.profiles.update(profile.id, { route: withKeepalive(profile.route, proposal) });
};
