// The names a profile's secrets go by in the secret store: its Gateway token, the passphrases remembered for its
// identity files, and the device token its Gateway issued. Removing a profile removes every name listed here.

export function profileTokenSecret(profileId: string): string {
  return `profile.${profileId}.token`;
}

/** `identityFile`: the key's path with `~` expanded, so the same key is one secret however it was typed. */
export function profilePassphraseSecret(profileId: string, identityFile: string): string {
  return `profile.${profileId}.passphrase.${identityFile}`;
}

/** Whether a secret belongs to the profile and goes when it goes. */
export function isProfileSecret(name: string, profileId: string): boolean {
  // The trailing dot keeps profile "a" from claiming the secrets of profile "a-2". The device token's name is the
  // one services/gateway/device-token-store.ts gives it when the Gateway is keyed by the profile ID.
  return name.startsWith(`profile.${profileId}.`) || name === `gateway.device-token:${profileId}`;
}
