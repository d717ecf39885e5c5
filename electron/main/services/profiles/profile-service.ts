// Saved profiles as the window, the tray and the CLI change them. Each change is checked the way the connection will
// need it (the schema, the SSH target's grammar, the identity file on disk) before it is saved; the Gateway token
// lives in the secret store, never in the settings file; and a profile's secrets go when the profile goes.
import { MAX_TOKEN_LENGTH } from '../../../shared/contract';
import { appError } from '../../../shared/errors';
import { profileSchema, type Profile, type ProfileInput, type Route } from '../../../shared/profile';
import { AppFailure } from '../../app-failure';
import type { SecretStore } from '../secrets/secret-store';
import { describeIssues } from '../../describe-issues';
import { newProfileId } from '../settings/profile-id';
import type { SettingsStore } from '../settings/settings-store';
import { parseTarget } from '../ssh/target';
import type { Files, System } from '../system/system';
import { checkIdentityFile } from './identity-file';
import { primaryProfile } from './primary-profile';
import { isProfileSecret, profileTokenSecret } from './profile-secrets';

export type NewProfile = Omit<ProfileInput, 'id'>;
export type ProfileChanges = Partial<NewProfile>;

export interface ProfileService {
  list(): Profile[];
  /** By ID, or by name ignoring case; throws 'profile-not-found' naming the profiles there are. */
  find(nameOrId: string): Profile;
  /** The profile named (see find), or the primary one when none is: what every "[NAME]" of the app means. */
  findOrPrimary(nameOrId: string | undefined): Profile;
  /** The first profile added becomes the primary one. */
  add(input: NewProfile, token?: string): Promise<Profile>;
  update(id: string, changes: ProfileChanges): Profile;
  /** Also removes its secrets; the primary profile passes to the first one left. */
  remove(id: string): Promise<void>;
  setPrimary(id: string): void;
  token(id: string): Promise<string | undefined>;
  /** `undefined` forgets the token. */
  setToken(id: string, token: string | undefined): Promise<void>;
  /** When the stored token was saved (epoch ms); undefined for one saved before the app recorded it, or none. */
  tokenSavedAt(id: string): number | undefined;
}

export interface ProfileServiceDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  /** What `~` in an identity file path stands for. */
  homeDir: string;
  /** Where identity files are checked. */
  system: System;
}

const newProfileSchema = profileSchema.omit({ id: true });

export function createProfileService({ settings, secrets, homeDir, system }: ProfileServiceDeps): ProfileService {
  const list = (): Profile[] => settings.settings().profiles;

  function find(nameOrId: string): Profile {
    const profiles = list();
    const name = nameOrId.toLowerCase();
    const found =
      profiles.find((profile) => profile.id === nameOrId) ??
      profiles.find((profile) => profile.name.toLowerCase() === name);
    if (!found) throw notFound(nameOrId, profiles);
    return found;
  }

  function withId(id: string): Profile {
    const profile = list().find((candidate) => candidate.id === id);
    if (!profile) throw notFound(id, list());
    return profile;
  }

  /** Settings-level checks catch a duplicate name too, but this sentence says what to do about it. */
  function requireFreeName(name: string, ownId?: string): void {
    const taken = list().find((other) => other.id !== ownId && other.name.toLowerCase() === name.toLowerCase());
    if (taken) {
      throw new AppFailure(
        appError(
          'profile-name-taken',
          `A profile named "${taken.name}" already exists.`,
          'Choose another name, or change that profile instead.',
        ),
      );
    }
  }

  /** The moment beside the token, in the settings file; the token itself stays in the secret store. */
  function recordTokenSaved(id: string, saved: boolean): void {
    settings.update((draft) => {
      if (saved) draft.tokenSavedAt = { ...draft.tokenSavedAt, [id]: system.clock.now() };
      else if (draft.tokenSavedAt) delete draft.tokenSavedAt[id];
    });
  }

  function replaceProfile(profile: Profile): void {
    settings.update((draft) => {
      const index = draft.profiles.findIndex((candidate) => candidate.id === profile.id);
      // Another process (the CLI beside the app) may have removed it since.
      if (index === -1) throw notFound(profile.id, draft.profiles);
      draft.profiles[index] = profile;
    });
  }

  return {
    list,
    find,
    findOrPrimary: (nameOrId) =>
      nameOrId === undefined ? primaryProfile(list(), settings.settings().primaryProfileId) : find(nameOrId),
    async add(input, token) {
      const parsed = newProfileSchema.safeParse(input);
      if (!parsed.success) throw invalidProfile(describeIssues(parsed.error));
      checkRouteOnThisMachine(parsed.data.route, system.files, homeDir);
      requireFreeName(parsed.data.name);
      const profile: Profile = { id: newProfileId(parsed.data.name), ...parsed.data };
      const checked = token === undefined ? undefined : checkedToken(token);
      // The profile first, its token second: a process killed in between leaves a profile that asks for its token,
      // never a token no profile owns (which nothing would ever remove). A store that refuses the token (no
      // encryption) takes the profile back out.
      settings.update((draft) => {
        draft.profiles.push(profile);
        draft.primaryProfileId ??= profile.id;
      });
      if (checked !== undefined) {
        try {
          await secrets.set(profileTokenSecret(profile.id), checked);
          recordTokenSaved(profile.id, true);
        } catch (error) {
          settings.update((draft) => {
            draft.profiles = draft.profiles.filter((saved) => saved.id !== profile.id);
            if (draft.primaryProfileId === profile.id) draft.primaryProfileId = draft.profiles[0]?.id;
          });
          throw error;
        }
      }
      return profile;
    },
    update(id, changes) {
      const parsed = profileSchema.safeParse({ ...withId(id), ...changes, id });
      if (!parsed.success) throw invalidProfile(describeIssues(parsed.error));
      // An unchanged route is not checked again: a key on a disk that is not mounted must not block a rename.
      if (changes.route !== undefined) checkRouteOnThisMachine(parsed.data.route, system.files, homeDir);
      requireFreeName(parsed.data.name, id);
      replaceProfile(parsed.data);
      return parsed.data;
    },
    async remove(id) {
      withId(id);
      // The secrets first, for the same reason as in add: killed in between, a profile is left without them, never
      // secrets without their profile.
      for (const name of await secrets.names()) {
        if (isProfileSecret(name, id)) await secrets.delete(name);
      }
      settings.update((draft) => {
        draft.profiles = draft.profiles.filter((profile) => profile.id !== id);
        if (draft.primaryProfileId === id) draft.primaryProfileId = draft.profiles[0]?.id;
        if (draft.lastActiveProfileId === id) delete draft.lastActiveProfileId;
        if (draft.tokenSavedAt) delete draft.tokenSavedAt[id];
      });
    },
    setPrimary(id) {
      withId(id);
      settings.update((draft) => {
        draft.primaryProfileId = id;
      });
    },
    async token(id) {
      withId(id);
      return secrets.get(profileTokenSecret(id));
    },
    async setToken(id, token) {
      withId(id);
      if (token === undefined) await secrets.delete(profileTokenSecret(id));
      else await secrets.set(profileTokenSecret(id), checkedToken(token));
      recordTokenSaved(id, token !== undefined);
    },
    tokenSavedAt: (id) => settings.settings().tokenSavedAt?.[id],
  };
}

/** The checks the schema cannot make: the SSH target as OpenSSH reads it, and the identity file on this Mac. */
function checkRouteOnThisMachine(route: Route, files: Files, homeDir: string): void {
  const ssh = route.kind === 'ssh' ? route : route.kind === 'tailscale' && route.via.kind === 'ssh' ? route.via : null;
  if (!ssh) return;
  parseTarget(ssh.target);
  if (ssh.identityFile !== undefined) checkIdentityFile(files, ssh.identityFile, homeDir);
}

/** A token as it will be stored, or the refusal: callers that write more than the token check it first. */
export function checkedToken(token: string): string {
  // A pasted token often carries a trailing newline, which no Gateway token contains.
  const trimmed = token.trim();
  if (trimmed === '') {
    throw new AppFailure(
      appError(
        'invalid-token',
        'The Gateway token is empty.',
        "Paste the token from gateway.auth.token in the host's OpenClaw config, or leave it out.",
      ),
    );
  }
  // One limit wherever a token comes from (window, CLI, import): a larger one would only fail at the Gateway.
  if (trimmed.length > MAX_TOKEN_LENGTH) {
    throw new AppFailure(
      appError(
        'invalid-token',
        `The Gateway token is longer than ${MAX_TOKEN_LENGTH} characters, so it is not a Gateway token.`,
        "Paste the token alone, from gateway.auth.token in the host's OpenClaw config.",
      ),
    );
  }
  return trimmed;
}

function invalidProfile(message: string): AppFailure {
  return new AppFailure(appError('invalid-profile', message, 'Correct that field and save again; nothing was saved.'));
}

function notFound(wanted: string, profiles: Profile[]): AppFailure {
  const shown = JSON.stringify(wanted);
  if (profiles.length === 0) {
    return new AppFailure(
      appError('profile-not-found', `There is no profile ${shown}: none is saved yet.`, 'Add a profile first.'),
    );
  }
  const names = profiles.map((profile) => JSON.stringify(profile.name)).join(', ');
  return new AppFailure(
    appError(
      'profile-not-found',
      `There is no profile ${shown}. The profiles are ${names}.`,
      'Use one of those names.',
    ),
  );
}
