// What the About section shows: versions of the app and of the runtime it runs in, and where it keeps data.
import { z } from 'zod';

/** How SSH is encrypted: ssh2's native OpenSSL binding, or its JavaScript path over the runtime's ciphers. */
export const sshCryptoSchema = z.enum(['native', 'javascript']);
export type SshCrypto = z.infer<typeof sshCryptoSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' for the real app, 'browser' for the plain-Node browser host (`npm run web`), 'cli' for the CLI. */
  host: z.enum(['electron', 'browser', 'cli']),
  versions: z.object({
    node: z.string(),
    electron: z.string().optional(),
    chrome: z.string().optional(),
  }),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
  /** Told by the app and the browser host, which tunnel; the CLI leaves it out rather than load ssh2 to say it. */
  sshCrypto: sshCryptoSchema.optional(),
  /** Where secrets are kept, in words: the keychain and its service name, or the file where none answers. */
  secretsLocation: z.string().optional(),
});

export type AppInfo = z.infer<typeof appInfoSchema>;
