// Remembered key passphrases: kept only when the person ticks "remember", offered once per connection before anyone
// is asked, and forgotten as soon as the key refuses one, so a changed passphrase never loops on the old one.
import { describe, expect, it } from 'vitest';
import {
  withRememberedPassphrases,
  type ConnectionPrompts,
  type PassphraseAnswer,
} from '../../electron/main/services/connection/remembered-passphrases';
import { profilePassphraseSecret } from '../../electron/main/services/profiles/profile-secrets';
import { createMemorySecretStore } from '../../electron/main/services/secrets/secret-store';

const KEY = '/home/me/.ssh/id_ed25519';

/** A person who answers from a list, and the questions they were asked. */
function person(answers: PassphraseAnswer[]) {
  const asked: string[] = [];
  const prompts: ConnectionPrompts = {
    trustHostKey: async () => false,
    passphrase: async (request) => {
      asked.push(request.keyFile);
      const next = answers.shift();
      if (!next) throw new Error('asked more often than the test expected');
      return next;
    },
  };
  return { prompts, asked };
}

describe('remembered passphrases', () => {
  it('keeps a passphrase the person asked to remember, and the next connection uses it without asking', async () => {
    const secrets = createMemorySecretStore();
    const first = person([{ passphrase: 'correct horse', remember: true }]);
    expect(await withRememberedPassphrases(first.prompts, secrets, 'home').passphrase({ keyFile: KEY })).toBe(
      'correct horse',
    );
    expect(await secrets.get(profilePassphraseSecret('home', KEY))).toBe('correct horse');

    const next = person([]);
    expect(await withRememberedPassphrases(next.prompts, secrets, 'home').passphrase({ keyFile: KEY })).toBe(
      'correct horse',
    );
    expect(next.asked).toEqual([]);
  });

  it('keeps nothing unless asked to, and a skipped key stays skipped', async () => {
    const secrets = createMemorySecretStore();
    const once = person([
      { passphrase: 'just this time', remember: false },
      { passphrase: undefined, remember: true },
    ]);
    const prompts = withRememberedPassphrases(once.prompts, secrets, 'home');
    expect(await prompts.passphrase({ keyFile: KEY })).toBe('just this time');
    expect(await secrets.get(profilePassphraseSecret('home', KEY))).toBeUndefined();
    expect(await prompts.passphrase({ keyFile: KEY })).toBeUndefined();
    expect(await secrets.get(profilePassphraseSecret('home', KEY))).toBeUndefined();
  });

  it('forgets a remembered passphrase the key refused, and asks the person instead', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set(profilePassphraseSecret('home', KEY), 'the old one');
    const asking = person([{ passphrase: 'the new one', remember: false }]);
    const prompts = withRememberedPassphrases(asking.prompts, secrets, 'home');
    expect(await prompts.passphrase({ keyFile: KEY })).toBe('the old one');
    // The login asks again for the same key: the old passphrase was wrong.
    expect(await prompts.passphrase({ keyFile: KEY })).toBe('the new one');
    expect(asking.asked).toEqual([KEY]);
    expect(await secrets.get(profilePassphraseSecret('home', KEY))).toBeUndefined();
  });

  it('keeps passphrases per profile', async () => {
    const secrets = createMemorySecretStore();
    await withRememberedPassphrases(
      person([{ passphrase: 'home', remember: true }]).prompts,
      secrets,
      'home',
    ).passphrase({ keyFile: KEY });
    const work = person([{ passphrase: 'work', remember: false }]);
    expect(await withRememberedPassphrases(work.prompts, secrets, 'work').passphrase({ keyFile: KEY })).toBe('work');
    expect(work.asked).toEqual([KEY]);
  });
});
