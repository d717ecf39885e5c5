// The window's requests about saved profiles: list them (with which have a token, never the token), save one with
// its token, remove one (disconnecting it first when it is the live one), and choose the primary one.
import type { Handlers } from '../router';
import type { ConnectionManager } from '../services/connection/connection-manager';
import type { NewProfile, ProfileService } from '../services/profiles/profile-service';
import type { SettingsStore } from '../services/settings/settings-store';

type ProfileHandlers = Pick<Handlers, 'profiles:list' | 'profiles:save' | 'profiles:remove' | 'profiles:set-primary'>;

export function profileHandlers(deps: {
  profiles: ProfileService;
  settings: SettingsStore;
  connection: ConnectionManager;
}): ProfileHandlers {
  const { profiles, settings, connection } = deps;
  return {
    'profiles:list': async () => {
      const list = profiles.list();
      const withToken: string[] = [];
      for (const profile of list) if ((await profiles.token(profile.id)) !== undefined) withToken.push(profile.id);
      return { profiles: list, primaryId: settings.settings().primaryProfileId ?? null, withToken };
    },
    'profiles:save': async ({ id, token, clearToken, primary, ...given }) => {
      // The contract checks only the route's kind; the service checks every field against the profile schema.
      const fields = given as NewProfile;
      let profile;
      if (id === undefined) {
        profile = await profiles.add(fields, token);
      } else {
        profile = profiles.update(id, fields);
        if (token !== undefined) await profiles.setToken(id, token);
        else if (clearToken) await profiles.setToken(id, undefined);
      }
      if (primary) profiles.setPrimary(profile.id);
      return profile;
    },
    'profiles:remove': async ({ id }) => {
      if (connection.status.profileId === id) await connection.disconnect();
      await profiles.remove(id);
      return null;
    },
    'profiles:set-primary': ({ id }) => {
      profiles.setPrimary(id);
      return null;
    },
  };
}
