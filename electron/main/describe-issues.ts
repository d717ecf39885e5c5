// A zod failure as one line a person can act on: each problem as "where: what", so a hand-edited settings file can be
// fixed at the right spot, a refused change names the field to correct, and a bad Gateway frame names its part.
import type { z } from 'zod';

/** More than this many problems are summarised by their count: the first ones are the ones to fix first. */
const LISTED_ISSUES = 3;

export function describeIssues(error: z.ZodError): string {
  const listed = error.issues.slice(0, LISTED_ISSUES).map((issue) => {
    const where = issue.path.map(String).join('.');
    return where === '' ? issue.message : `${where}: ${issue.message}`;
  });
  const unlisted = error.issues.length - listed.length;
  return unlisted > 0 ? `${listed.join('; ')}; and ${unlisted} more` : listed.join('; ');
}
