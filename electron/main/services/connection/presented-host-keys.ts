// The host key each profile's server presented when it differed from the one known_hosts holds, kept while the app
// runs, so the Security page can show both fingerprints side by side. A key found known again clears it.
import type { HostKeyVerdict } from '../ssh/host-verifier';

export interface PresentedHostKey {
  keyType: string;
  fingerprint: string;
}

export class PresentedHostKeys {
  readonly #changed = new Map<string, PresentedHostKey>();

  /** Hears the verdict of one connect of the profile. */
  heard(profileId: string, verdict: HostKeyVerdict): void {
    if (verdict.check?.status === 'changed' && !verdict.trustedElsewhere) {
      this.#changed.set(profileId, { keyType: verdict.keyType, fingerprint: verdict.fingerprint });
    } else {
      this.#changed.delete(profileId);
    }
  }

  /** The changed key the profile's host presented at its last connect, if it did. */
  changed(profileId: string): PresentedHostKey | undefined {
    return this.#changed.get(profileId);
  }

  /** Once the stored key is forgotten, the next connect asks about the presented one as a new host. */
  forget(profileId: string): void {
    this.#changed.delete(profileId);
  }
}
