// Questions the main process asks the person at the window while connecting (trust this host key? the passphrase
// of this key?) and their answers, matched by ID. Asked as an event, answered as a request.
import { z } from 'zod';

export const promptRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    kind: z.literal('host-key'),
    host: z.string(),
    port: z.number().int(),
    keyType: z.string(),
    /** OpenSSH's `SHA256:…` form, to compare with what the server's administrator gives. */
    fingerprint: z.string(),
    knownHostsFile: z.string(),
    otherKeyTypesKnown: z.array(z.string()).optional(),
  }),
  z.object({ id: z.string(), kind: z.literal('passphrase'), keyFile: z.string() }),
]);

export const promptAnswerSchema = z.object({
  id: z.string().min(1),
  answer: z.union([
    z.strictObject({ trust: z.boolean() }),
    /** null: skip this key. `remember`: keep it in the secret store for this profile's next connections. */
    z.strictObject({ passphrase: z.string().max(1024).nullable(), remember: z.boolean().optional() }),
  ]),
});

export type PromptRequest = z.infer<typeof promptRequestSchema>;
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;
