// The profile service over the real settings store (conf) and the real file secret store in a temp directory: add,
// find, change and remove profiles; the first one becomes primary; SSH targets and identity files are checked as
// OpenSSH will; the Gateway token lives only in the secret store; removing a profile removes its secrets.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrownFailure } from '../fixtures/failure-of';
import { createProfileService, type NewProfile } from '../../electron/main/services/profiles/profile-service';
import { profilePassphraseSecret, profileTokenSecret } from '../../electron/main/services/profiles/profile-secrets';
import { openPlainSecretStore } from '../../electron/main/services/secrets/plain-secret-store';
import { createConfSettingsBackend } from '../../electron/main/services/settings/conf-backend';
import { openSettingsStore } from '../../electron/main/services/settings/settings-store';
import { failureOf } from '../fixtures/failure-of';
import { ManualClock } from '../fixtures/manual-clock';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const system = testSystem({ clock: new ManualClock(Date.parse('2026-01-01T00:00:00Z')) });

function setup() {
  const dataDir = makeTempDir('profiles-');
  const homeDir = makeTempDir('home-');
  const settings = openSettingsStore({ dataDir, backend: createConfSettingsBackend, system });
  const { store: secrets } = openPlainSecretStore({ dataDir, system });
  const profiles = createProfileService({ settings, secrets, homeDir, system });
  return { dataDir, homeDir, settings, secrets, profiles };
}

function ssh(name: string, route: Record<string, unknown> = {}): NewProfile {
  return { name, route: { kind: 'ssh', target: 'me@gateway.example', ...route } };
}

/** Writes a key file under `home` with `mode`; returns its path. */
function keyFile(home: string, name: string, mode: number): string {
  mkdirSync(path.join(home, '.ssh'), { recursive: true });
  const file = path.join(home, '.ssh', name);
  writeFileSync(file, '-----BEGIN OPENSSH PRIVATE KEY-----\n');
  chmodSync(file, mode);
  return file;
}

describe('profile service', () => {
  it('adds profiles, making the first one primary, with IDs made from their names', async () => {
    const { profiles, settings } = setup();
    const home = await profiles.add(ssh('Home Box'));
    const work = await profiles.add(ssh('Work'));
    expect(home.id).toMatch(/^home-box-[0-9a-f]{8}$/u);
    expect(profiles.list().map((profile) => profile.name)).toEqual(['Home Box', 'Work']);
    expect(settings.settings().primaryProfileId).toBe(home.id);
    expect(work.route).toMatchObject({ localPort: 18789, remotePort: 18789 });
  });

  it('finds a profile by ID or by name in any case, and names the profiles there are when it cannot', async () => {
    const { profiles } = setup();
    expect(thrownFailure(() => profiles.find('home'))).toMatchObject({
      kind: 'profile-not-found',
      message: 'There is no profile "home": none is saved yet.',
    });
    const home = await profiles.add(ssh('Home'));
    await profiles.add(ssh('Work'));
    expect(profiles.find('HOME')).toEqual(home);
    expect(profiles.find(home.id)).toEqual(home);
    expect(thrownFailure(() => profiles.find('office'))).toEqual({
      kind: 'profile-not-found',
      message: 'There is no profile "office". The profiles are "Home", "Work".',
      hint: 'Use one of those names.',
    });
  });

  it('refuses a second profile of the same name, ignoring case', async () => {
    const { profiles } = setup();
    await profiles.add(ssh('Home'));
    expect(await failureOf(profiles.add(ssh('home')))).toMatchObject({
      kind: 'profile-name-taken',
      message: 'A profile named "Home" already exists.',
    });
    expect(profiles.list()).toHaveLength(1);
  });

  it('refuses bad fields with the schema sentence, and a bad SSH target with the target sentence', async () => {
    const { profiles } = setup();
    expect(await failureOf(profiles.add(ssh('Home', { localPort: 70000 })))).toMatchObject({
      kind: 'invalid-profile',
      message: 'route.localPort: The local port must be a whole number from 0 to 65535 (0 picks any free port).',
    });
    expect(await failureOf(profiles.add(ssh('Home', { target: '-oProxyCommand=x' })))).toMatchObject({
      kind: 'invalid-target',
      message: `The SSH target "-oProxyCommand=x" cannot start with '-', because ssh would read it as an option.`,
    });
    const viaTailnet: NewProfile = {
      name: 'Tail',
      route: { kind: 'tailscale', deviceId: 'nX', deviceName: 'box', via: { kind: 'ssh', target: 'me@box host' } },
    };
    expect((await failureOf(profiles.add(viaTailnet))).kind).toBe('invalid-target');
    expect(profiles.list()).toEqual([]);
  });

  it('checks the identity file: ~ expanded, present, closed to other users', async () => {
    const { profiles, homeDir } = setup();
    expect(await failureOf(profiles.add(ssh('Home', { identityFile: '~/.ssh/id_missing' })))).toMatchObject({
      kind: 'identity-file-missing',
      message: 'The identity file ~/.ssh/id_missing does not exist.',
    });

    const open = keyFile(homeDir, 'id_open', 0o644);
    expect(await failureOf(profiles.add(ssh('Home', { identityFile: '~/.ssh/id_open' })))).toEqual({
      kind: 'identity-file-unprotected',
      message: 'The identity file ~/.ssh/id_open is readable by other users (mode 644); OpenSSH refuses such keys.',
      hint: `Run chmod 600 ${open}`,
    });

    keyFile(homeDir, 'id_ok', 0o600);
    const added = await profiles.add(ssh('Home', { identityFile: '~/.ssh/id_ok' }));
    // Saved as typed, so the profile still works if the home folder moves.
    expect(added.route).toMatchObject({ identityFile: '~/.ssh/id_ok' });
    expect(await failureOf(profiles.add(ssh('Rel', { identityFile: '.ssh/id_ok' })))).toMatchObject({
      kind: 'identity-file-invalid',
      message: 'The identity file path .ssh/id_ok is not a full path.',
    });
  });

  it('keeps the Gateway token in the secret store, never in the settings file', async () => {
    const { profiles, secrets, settings } = setup();
    const home = await profiles.add(ssh('Home'), '  gw-token-4f9a2c  \n');
    expect(await profiles.token(home.id)).toBe('gw-token-4f9a2c');
    expect(await secrets.get(profileTokenSecret(home.id))).toBe('gw-token-4f9a2c');
    expect(readFileSync(settings.path, 'utf8')).not.toContain('gw-token-4f9a2c');

    await profiles.setToken(home.id, 'gw-token-second');
    expect(readFileSync(settings.path, 'utf8')).not.toContain('gw-token-second');
    await profiles.setToken(home.id, undefined);
    expect(await profiles.token(home.id)).toBeUndefined();
    expect((await failureOf(profiles.setToken(home.id, ' \n'))).kind).toBe('invalid-token');
    // One limit wherever a token comes from: one longer than any Gateway token is refused, and nothing changes.
    await profiles.setToken(home.id, 'gw-token-kept');
    const tooLong = await failureOf(profiles.setToken(home.id, 'x'.repeat(4097)));
    expect(tooLong).toMatchObject({ kind: 'invalid-token', message: expect.stringContaining('longer than 4096') });
    expect(await profiles.token(home.id)).toBe('gw-token-kept');
    expect((await failureOf(profiles.add(ssh('Long'), 'y'.repeat(4097)))).kind).toBe('invalid-token');
  });

  it('records when a token was saved, beside it in the settings file, and forgets the moment with the token', async () => {
    const { profiles, settings } = setup();
    const clock = system.clock as ManualClock;
    const savedAt = clock.time;
    const home = await profiles.add(ssh('Home'), 'gw-token-aged');
    const bare = await profiles.add(ssh('Bare'));
    expect(profiles.tokenSavedAt(home.id)).toBe(savedAt);
    expect(profiles.tokenSavedAt(bare.id)).toBeUndefined();
    clock.time = savedAt + 86_400_000;
    await profiles.setToken(home.id, 'gw-token-replaced');
    expect(profiles.tokenSavedAt(home.id)).toBe(savedAt + 86_400_000);
    expect(readFileSync(settings.path, 'utf8')).not.toContain('gw-token-replaced');
    await profiles.setToken(home.id, undefined);
    expect(profiles.tokenSavedAt(home.id)).toBeUndefined();
    await profiles.setToken(home.id, 'gw-token-again');
    await profiles.remove(home.id);
    expect(settings.settings().tokenSavedAt).toEqual({});
  });

  it('takes the profile back out when the secret store refuses its token', async () => {
    const { profiles, secrets, settings, homeDir } = setup();
    const refusing = { ...secrets, set: () => Promise.reject(new Error('no encryption available')) };
    const strict = createProfileService({ settings, secrets: refusing, homeDir, system });
    await expect(strict.add(ssh('Home'), 'gw-token')).rejects.toThrow('no encryption available');
    expect(profiles.list()).toEqual([]);
    expect(settings.settings().primaryProfileId).toBeUndefined();
  });

  it.each([0, 1, 2, 3])(
    'a process that dies after %i writes while adding then removing a profile leaves no token without its profile',
    async (writesBeforeDeath) => {
      const { dataDir, homeDir, settings, secrets } = setup();
      // Every write to the settings or the secrets counts; once the budget is spent the "process" is gone.
      let budget = writesBeforeDeath;
      const spend = () => {
        if (budget === 0) throw new Error('killed');
        budget -= 1;
      };
      const dying = createProfileService({
        settings: { ...settings, update: (change) => (spend(), settings.update(change)) },
        secrets: {
          ...secrets,
          set: async (name, value) => (spend(), secrets.set(name, value)),
          delete: async (name) => (spend(), secrets.delete(name)),
        },
        homeDir,
        system,
      });
      await dying
        .add(ssh('Home'), 'gw-token')
        .then((home) => dying.remove(home.id))
        .catch(() => {});
      // What the next launch finds on disk.
      const ids = openSettingsStore({ dataDir, backend: createConfSettingsBackend, system })
        .settings()
        .profiles.map((profile) => profile.id);
      const { store: reopened } = openPlainSecretStore({ dataDir, system });
      for (const name of await reopened.names()) expect(ids).toContain(/^profile\.(.+)\.token$/u.exec(name)?.[1]);
    },
  );

  it('leaves no token behind when the profile cannot be saved', async () => {
    const { profiles, secrets } = setup();
    await profiles.add(ssh('Home'));
    await failureOf(profiles.add(ssh('HOME'), 'gw-token-orphan'));
    expect(await secrets.names()).toEqual([]);
  });

  it('changes a profile, keeping its ID, and checks a changed route again', async () => {
    const { profiles } = setup();
    const home = await profiles.add(ssh('Home'));
    await profiles.add(ssh('Work'));
    const renamed = profiles.update(home.id, { name: 'Cottage' });
    expect(renamed).toMatchObject({ id: home.id, name: 'Cottage', route: home.route });
    expect(profiles.find('cottage').id).toBe(home.id);
    expect(thrownFailure(() => profiles.update(home.id, { name: 'work' })).kind).toBe('profile-name-taken');
    expect(thrownFailure(() => profiles.update(home.id, { route: { kind: 'ssh', target: 'a b' } })).kind).toBe(
      'invalid-target',
    );
    expect(thrownFailure(() => profiles.update('nope-1', { name: 'X' })).kind).toBe('profile-not-found');
  });

  it('sets the primary profile, refusing one that does not exist', async () => {
    const { profiles, settings } = setup();
    await profiles.add(ssh('Home'));
    const work = await profiles.add(ssh('Work'));
    profiles.setPrimary(work.id);
    expect(settings.settings().primaryProfileId).toBe(work.id);
    expect(thrownFailure(() => profiles.setPrimary('gone-1')).kind).toBe('profile-not-found');
  });

  it('removes a profile with all its secrets, handing the primary role to the next one', async () => {
    const { profiles, secrets, settings } = setup();
    const home = await profiles.add(ssh('Home'), 'gw-token-home');
    const work = await profiles.add(ssh('Work'), 'gw-token-work');
    await secrets.set(profilePassphraseSecret(home.id, '/Users/me/.ssh/id_home'), 'passphrase');
    await secrets.set(`gateway.device-token:${home.id}`, '{"token":"device"}');
    await secrets.set('gateway.device-key', 'the install key');
    settings.update((draft) => {
      draft.lastActiveProfileId = home.id;
    });

    await profiles.remove(home.id);

    expect(profiles.list()).toEqual([work]);
    expect(settings.settings().primaryProfileId).toBe(work.id);
    expect(settings.settings().lastActiveProfileId).toBeUndefined();
    expect((await secrets.names()).sort()).toEqual(['gateway.device-key', profileTokenSecret(work.id)]);
    expect(await failureOf(profiles.remove(home.id))).toMatchObject({ kind: 'profile-not-found' });
  });

  it('leaves no primary once the last profile is gone', async () => {
    const { profiles, settings } = setup();
    const home = await profiles.add(ssh('Home'));
    await profiles.remove(home.id);
    expect(settings.settings().primaryProfileId).toBeUndefined();
    expect(readFileSync(settings.path, 'utf8')).not.toContain(home.id);
  });
});
