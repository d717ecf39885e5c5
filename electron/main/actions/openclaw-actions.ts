// Actions on this Mac's OpenClaw CLI config (~/.openclaw/openclaw.json): what importing its remote Gateway would give,
// and the person's answer, which is remembered either way so the offer is made once.
import { appError } from '../../shared/errors';
import { routeSchema } from '../../shared/profile';
import { AppFailure } from '../app-failure';
import { importOpenclawRemote } from '../services/openclaw-config/import-remote';
import type { Action, AppCore } from './app-core';

export const openclawImportOffer: Action<'openclaw:import-offer'> = async ({ settings, env, homeDir, system }) => {
  if (settings.settings().openclawImportOffered) return null;
  const found = await importOpenclawRemote({ env, homeDir, system });
  if (found.kind !== 'remote') return null;
  return {
    profile: { name: found.profile.name, route: routeSchema.parse(found.profile.route) },
    path: found.configPath,
    tokenFound: found.token !== undefined,
    notes: found.notes.map((note) => note.message),
  };
};

export const openclawImport: Action<'openclaw:import'> = async (core, { accept }) => {
  if (!accept) {
    markOffered(core);
    return null;
  }
  const found = await importOpenclawRemote({ env: core.env, homeDir: core.homeDir, system: core.system });
  if (found.kind !== 'remote') {
    throw new AppFailure(
      appError('openclaw-nothing-to-import', found.reason, 'Add the remote Gateway by hand instead.'),
    );
  }
  const profile = await core.profiles.add(found.profile, found.token);
  markOffered(core);
  return profile;
};

function markOffered({ settings }: AppCore): void {
  settings.update((draft) => {
    draft.openclawImportOffered = true;
  });
}
