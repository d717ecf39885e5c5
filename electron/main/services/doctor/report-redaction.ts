// Keeps secrets out of the doctor's report: the Gateway token, device tokens and passphrases the doctor met are
// replaced wherever they appear in a step's text, since a report is meant to be pasted into a bug report or a chat.
import { REDACTED } from '../log/app-log';
import type { SecretStore } from '../secrets/secret-store';

/** Shorter strings would redact ordinary words; no real token or passphrase is this short (as the app log). */
const MIN_SECRET_LENGTH = 4;

export interface ReportRedaction {
  add(secret: string | undefined): void;
  redact(text: string): string;
}

export function createReportRedaction(): ReportRedaction {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    },
    redact(text) {
      // Longest first, so a secret that contains another is replaced whole.
      let out = text;
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
      return out;
    },
  };
}

/** A redaction of every secret the store holds (Gateway tokens, device tokens, keys), for text that leaves main. */
export async function storedSecretsRedaction(secrets: SecretStore): Promise<ReportRedaction> {
  const redaction = createReportRedaction();
  for (const name of await secrets.names()) redaction.add(await secrets.get(name));
  return redaction;
}
