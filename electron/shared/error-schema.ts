// Runtime schema of the shared error shape, for contract entries whose payloads carry an AppError.
import { z } from 'zod';
import type { AppError } from './errors';

export const appErrorSchema: z.ZodType<AppError> = z.object({
  kind: z.string().min(1),
  message: z.string().min(1),
  hint: z.string().min(1).optional(),
});
