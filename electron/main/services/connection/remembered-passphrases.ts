// Key passphrases a person chose to have remembered: kept in the secret store under the profile, offered once per
// connection before anyone is asked, and forgotten the moment the key refuses one (its passphrase changed). Which
// answers are kept is the person's choice at the prompt; the CLI never keeps one.
import { profilePassphraseSecret } from '../profiles/profile-secrets';
import type { SecretStore } from '../secrets/secret-store';
import type { PassphraseRequest, SshPrompts } from '../ssh/types';

export interface PassphraseAnswer {
  /** undefined: skip this key. */
  passphrase: string | undefined;
  remember: boolean;
}

/** What the window or the terminal asks; the passphrase answer also says whether to keep it. */
export interface ConnectionPrompts extends Pick<SshPrompts, 'trustHostKey'> {
  passphrase(request: PassphraseRequest): Promise<PassphraseAnswer>;
}

export function withRememberedPassphrases(
  prompts: ConnectionPrompts,
  secrets: SecretStore,
  profileId: string,
): SshPrompts {
  const offered = new Set<string>();
  return {
    trustHostKey: (request) => prompts.trustHostKey(request),
    async passphrase(request) {
      const name = profilePassphraseSecret(profileId, request.keyFile);
      if (!offered.has(request.keyFile)) {
        offered.add(request.keyFile);
        const remembered = await secrets.get(name);
        if (remembered !== undefined) return remembered;
      } else {
        // Asked again for the same key: what was remembered (or typed) was refused, so it must not come back.
        await secrets.delete(name);
      }
      const answer = await prompts.passphrase(request);
      if (answer.passphrase !== undefined && answer.remember) await secrets.set(name, answer.passphrase);
      return answer.passphrase;
    },
  };
}
