// What the doctor reports: each check of the way to a profile's Gateway as one step (what was checked, how it
// went, what was found and what to do), in the order they run. The window, the CLI and `doctor:step` events share it.
import { z } from 'zod';
import { FIX_ACTIONS } from './error-actions';

export const DOCTOR_STEP_IDS = [
  'profile',
  'name-resolution',
  'tcp',
  'host-key',
  'authentication',
  'local-port',
  'forward',
  'http-health',
  'gateway-handshake',
  'gateway-service',
  'gateway-log',
  'tailscale',
  'stability',
] as const;
export type DoctorStepId = (typeof DOCTOR_STEP_IDS)[number];

export const doctorFixSchema = z.object({
  /** What to do, in words (a command to run where one helps). */
  text: z.string(),
  /** The app's action that does it or leads there, when there is one. */
  action: z.enum(FIX_ACTIONS).optional(),
  /** A command a person runs themselves (on the host, or here), offered with a Copy button. */
  command: z.string().optional(),
});
export type DoctorFix = z.infer<typeof doctorFixSchema>;

export const doctorStepSchema = z.object({
  id: z.enum(DOCTOR_STEP_IDS),
  title: z.string(),
  /** skip: not run, because a step it needs did not pass (the detail says which) or it does not apply. */
  status: z.enum(['pass', 'warn', 'fail', 'skip']),
  detail: z.string(),
  fix: doctorFixSchema.optional(),
});
export type DoctorStep = z.infer<typeof doctorStepSchema>;

export const doctorReportSchema = z.object({
  /** No step failed. */
  ok: z.boolean(),
  /** The profile's name. */
  profile: z.string(),
  steps: z.array(doctorStepSchema),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;
