// The tailnet as the window shows it (Settings → Tailscale): its state with a sentence and the next step, this
// device, the other devices and which of them run a Gateway, and the tailnets this Mac can switch between. The
// Tailscale service builds these; the IPC contract checks them on the way out.
import { z } from 'zod';

export const TAILNET_STATES = [
  'running',
  'needs-login',
  'stopped',
  'needs-machine-auth',
  'starting',
  'in-use-other-user',
  'daemon-not-running',
  'unknown',
] as const;

export const tailnetDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  dnsName: z.string(),
  hostName: z.string(),
  os: z.string(),
  ips: z.array(z.string()),
  online: z.boolean(),
  lastSeen: z.string().optional(),
  connection: z.enum(['direct', 'relayed', 'peer-relay', 'idle', 'offline']),
  relay: z.string().optional(),
  owner: z.string().optional(),
  tags: z.array(z.string()),
  keyExpiry: z.string().optional(),
  keyWarning: z.enum(['expired', 'expiring-soon']).optional(),
  sshHostKeys: z.array(z.string()),
  gateway: z.object({ url: z.string() }).optional(),
});

export const tailnetStatusSchema = z.object({
  state: z.enum(TAILNET_STATES),
  backendState: z.string().optional(),
  sentence: z.string(),
  action: z
    .object({
      kind: z.enum(['log-in', 'start', 'start-tailscale', 'wait-for-admin']),
      label: z.string(),
      url: z.string().optional(),
    })
    .optional(),
  detail: z.string().optional(),
  self: tailnetDeviceSchema.optional(),
  tailnet: z.object({ name: z.string(), magicDnsSuffix: z.string(), magicDnsEnabled: z.boolean() }).optional(),
  health: z.array(z.string()),
  devices: z.array(tailnetDeviceSchema),
});

export const gatewayScanSchema = z.object({
  status: tailnetStatusSchema,
  /** Devices whose probes ran out of time. */
  unanswered: z.array(z.string()),
  complete: z.boolean(),
});

export const tailnetAccountSchema = z.object({
  id: z.string(),
  tailnet: z.string(),
  account: z.string(),
  current: z.boolean(),
});

export type TailnetDeviceView = z.infer<typeof tailnetDeviceSchema>;
export type TailnetStatusView = z.infer<typeof tailnetStatusSchema>;
export type GatewayScanView = z.infer<typeof gatewayScanSchema>;
export type TailnetAccount = z.infer<typeof tailnetAccountSchema>;
