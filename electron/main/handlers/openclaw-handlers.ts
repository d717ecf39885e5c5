// The first-run offer to bring over the remote Gateway this Mac's OpenClaw CLI already uses
// (~/.openclaw/openclaw.json): what it would import, and the person's answer, which is remembered either way.
import { appError } from '../../shared/errors';
import { routeSchema } from '../../shared/profile';
import { AppFailure } from '../app-failure';
import type { Handlers } from '../router';
import { importOpenclawRemote } from '../services/openclaw-config/import-remote';
import type { ProfileService } from '../services/profiles/profile-service';
import type { SettingsStore } from '../services/settings/settings-store';
import type { System } from '../services/system/system';

type OpenclawHandlers = Pick<Handlers, 'openclaw:import-offer' | 'openclaw:import'>;

export function openclawHandlers(deps: {
  profiles: ProfileService;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  system: System;
}): OpenclawHandlers {
  const { profiles, settings, env, homeDir, system } = deps;
  const answered = () =>
    settings.update((draft) => {
      draft.openclawImportOffered = true;
    });
  return {
    'openclaw:import-offer': async () => {
      if (settings.settings().openclawImportOffered) return null;
      const found = await importOpenclawRemote({ env, homeDir, system });
      if (found.kind !== 'remote') return null;
      return {
        profile: { name: found.profile.name, route: routeSchema.parse(found.profile.route) },
        path: found.configPath,
        tokenFound: found.token !== undefined,
        notes: found.notes.map((note) => note.message),
      };
    },
    'openclaw:import': async ({ accept }) => {
      if (!accept) {
        answered();
        return null;
      }
      const found = await importOpenclawRemote({ env, homeDir, system });
      if (found.kind !== 'remote') {
        throw new AppFailure(
          appError('openclaw-nothing-to-import', found.reason, 'Add the remote Gateway by hand instead.'),
        );
      }
      const profile = await profiles.add(found.profile, found.token);
      answered();
      return profile;
    },
  };
}
