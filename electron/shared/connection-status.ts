// The one status of the live connection that the window, the tray and the CLI all show: its state, which profile
// and route, latency, since when, the last error with its next step, and when the next retry comes. Sent as one
// event on every change, so no view ever combines SSH and Gateway states on its own.
import { z } from 'zod';
import { FIX_ACTIONS, type FixAction } from './error-actions';

export const CONNECTION_STATES = ['idle', 'connecting', 'connected', 'degraded', 'reconnecting', 'error'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** What a view offers next to an error: the thing most likely to fix it, one of the app's fix actions. */
export const CONNECTION_ACTIONS = FIX_ACTIONS;
export type ConnectionAction = FixAction;

export const routeDetailsSchema = z.object({
  kind: z.enum(['ssh', 'tailscale', 'direct']),
  /** The Gateway URL the client opens: the local end of an SSH tunnel, or the remote URL itself. */
  url: z.string().optional(),
  /** SSH: the loopback port this Mac listens on. */
  localPort: z.number().int().optional(),
  /** SSH: the target as the profile names it. */
  target: z.string().optional(),
  /** Tailscale: the device's name. */
  device: z.string().optional(),
  /** What the route is doing right now, in a few words (for example "authenticating as alice"). */
  stage: z.string().optional(),
});

export const connectionErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  action: z.enum(CONNECTION_ACTIONS).optional(),
  /** A pending pairing request, for the approval command (`openclaw devices approve <requestId>`). */
  requestId: z.string().optional(),
});

export const connectionStatusSchema = z.object({
  state: z.enum(CONNECTION_STATES),
  profileId: z.string().optional(),
  profileName: z.string().optional(),
  route: routeDetailsSchema.optional(),
  /** Round trip of the last `health` call through the whole route. */
  latencyMs: z.number().optional(),
  /** Epoch milliseconds of the moment the connection last came up. */
  connectedSince: z.number().optional(),
  gatewayVersion: z.string().optional(),
  lastError: connectionErrorSchema.optional(),
  /** While reconnecting: the attempt number and epoch milliseconds of the next try. */
  retry: z.object({ attempt: z.number().int(), at: z.number() }).optional(),
});

export type RouteDetails = z.infer<typeof routeDetailsSchema>;
export type ConnectionError = z.infer<typeof connectionErrorSchema>;
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
