// The profile meant when none is named (the tray's Connect, `openclaw-remote status` without a name): the primary
// one, and a sentence saying what to do when there is none yet.
import { appError } from '../../../shared/errors';
import type { Profile } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';

export function primaryProfile(profiles: readonly Profile[], primaryId: string | undefined): Profile {
  const primary =
    profiles.find((profile) => profile.id === primaryId) ?? (profiles.length === 1 ? profiles[0] : undefined);
  if (primary) return primary;
  throw new AppFailure(
    profiles.length === 0
      ? appError(
          'no-profiles',
          'No remote Gateway is set up yet.',
          'Add one first (openclaw-remote profiles add NAME --ssh user@host).',
        )
      : appError(
          'no-primary-profile',
          'No profile is primary, so it is not clear which one to use.',
          `Name one (${profiles.map((profile) => profile.name).join(', ')}), or make one primary.`,
        ),
  );
}
