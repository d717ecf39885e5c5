// Where a profile's host keys live: its SSH target resolved exactly as connecting resolves it (ssh -G or
// ~/.ssh/config, then the profile's own port), giving the name known_hosts stores the host under and the files ssh(1)
// searches. The Security page lists and forgets through this, so it looks where the connect looked.
import type { Profile } from '../../../shared/profile';
import { hostKeyFingerprint, hostKeyType } from '../ssh/host-key';
import { knownHostsFilesOf, knownHostsName } from '../ssh/known-hosts';
import type { TrustedKeysLookup } from '../ssh/known-hosts-forget';
import { resolveSshConfig, type SshConfigDeps } from '../ssh/ssh-config';
import { sshSettingsForProfile } from './route-for-profile';
import { withProfileOverrides } from './ssh-route';

export interface ProfileHostKeys {
  lookup: TrustedKeysLookup;
  knownHostsName: string;
  /** Tailscale-over-SSH: the keys Tailscale publishes for the device, trusted without known_hosts. */
  tailscaleKeys?: { keyType: string; fingerprint: string }[];
}

/** undefined: the profile does not reach its host over SSH. */
export async function profileHostKeys(profile: Profile, deps: SshConfigDeps): Promise<ProfileHostKeys | undefined> {
  const settings = sshSettingsForProfile(profile);
  if (!settings) return undefined;
  const config = withProfileOverrides(await resolveSshConfig(settings.target, deps), settings, deps.home);
  const lookup: TrustedKeysLookup = {
    files: knownHostsFilesOf(config),
    userFiles: config.userKnownHostsFiles,
    host: config.hostname,
    port: config.port,
    ...(config.hostKeyAlias === undefined ? {} : { hostKeyAlias: config.hostKeyAlias }),
    system: deps.system,
  };
  const name = knownHostsName(lookup.host, lookup.port, lookup.hostKeyAlias);
  if (profile.route.kind !== 'tailscale') return { lookup, knownHostsName: name };
  const tailscaleKeys = (settings.trustedHostKeys ?? []).flatMap((key) => {
    try {
      return [{ keyType: hostKeyType(key), fingerprint: hostKeyFingerprint(key) }];
    } catch {
      return [];
    }
  });
  return { lookup, knownHostsName: name, tailscaleKeys };
}
