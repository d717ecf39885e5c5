// Actions on saved profiles: list them (with which have a token, never the token), save one with its token and
// primary choice (connecting it again when its error asked for that token), remove one (disconnecting it first when
// it is the live one), and choose the primary one. A profile
// is named by ID or by name, so the window (IDs) and the CLI (names) reach the same profile the same way.
import { checkedToken } from '../services/profiles/profile-service';
import type { Action } from './app-core';
import { retryIfTokenWasAskedFor } from './retry-after-token';

export const listProfiles: Action<'profiles:list'> = async ({ profiles, settings }) => {
  const list = profiles.list();
  const withToken: string[] = [];
  for (const profile of list) if ((await profiles.token(profile.id)) !== undefined) withToken.push(profile.id);
  return { profiles: list, primaryId: settings.settings().primaryProfileId ?? null, withToken };
};

export const getProfile: Action<'profiles:get'> = async ({ profiles, settings }, { id }) => {
  const profile = profiles.findOrPrimary(id);
  return {
    profile,
    primary: profile.id === settings.settings().primaryProfileId,
    hasToken: (await profiles.token(profile.id)) !== undefined,
  };
};

export const saveProfile: Action<'profiles:save'> = async (core, { id, token, clearToken, primary, ...fields }) => {
  const { profiles } = core;
  let profile;
  if (id === undefined) {
    profile = await profiles.add(fields, token);
  } else {
    // A token that would be refused is refused before the profile's fields are written, so nothing changes.
    const checked = token === undefined ? undefined : checkedToken(token);
    profile = profiles.update(profiles.find(id).id, fields);
    if (checked !== undefined) await profiles.setToken(profile.id, checked);
    else if (clearToken) await profiles.setToken(profile.id, undefined);
  }
  if (primary) profiles.setPrimary(profile.id);
  if (token !== undefined) await retryIfTokenWasAskedFor(core, profile.id);
  return profile;
};

export const removeProfile: Action<'profiles:remove'> = async ({ profiles, connection }, { id }) => {
  const profile = profiles.find(id);
  if (connection.status.profileId === profile.id) await connection.disconnect();
  await profiles.remove(profile.id);
  return profile;
};

export const setPrimaryProfile: Action<'profiles:set-primary'> = ({ profiles }, { id }) => {
  const profile = profiles.find(id);
  profiles.setPrimary(profile.id);
  return profile;
};
