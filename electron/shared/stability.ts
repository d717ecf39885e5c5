// How steady a profile's link has been: the keepalive round trips and the drops and recoveries of the last hour, as
// the main process recorded them. The window draws it as a timeline; the doctor's stability step reads it.
import { z } from 'zod';

export const stabilityHistorySchema = z.object({
  profileId: z.string(),
  /** Start of the window in ms since the epoch: an hour ago, or when this process began recording, whichever is later. */
  since: z.number(),
  until: z.number(),
  /** Keepalive round trips, oldest first. */
  roundTrips: z.array(z.object({ at: z.number(), ms: z.number() })),
  /** Link drops and recoveries, oldest first. */
  events: z.array(z.object({ at: z.number(), kind: z.enum(['drop', 'recovered']), reason: z.string().optional() })),
});
export type StabilityHistory = z.infer<typeof stabilityHistorySchema>;
