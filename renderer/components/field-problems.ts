// Which field of the profile editor each refusal belongs to: the shared contract's check of a profiles:save argument
// before it is sent, and main's refusal after, both as FieldProblems keyed by the argument's dotted path.
import { requests, type RequestInput } from '../../electron/shared/contract';
import type { AppError, FieldProblem } from '../../electron/shared/errors';

export type ProfileSaveInput = RequestInput<'profiles:save'>[0];

/** What profiles:save would refuse in `input`, by the contract's own schema (as main checks it); [] when nothing. */
export function profileSaveProblems(input: ProfileSaveInput): FieldProblem[] {
  const parsed = requests['profiles:save'].args.safeParse([input]);
  if (parsed.success) return [];
  // The argument's index is dropped, as main's router does, so the paths are the same either way.
  return parsed.error.issues.map((issue) => ({
    path: issue.path.slice(1).map(String).join('.'),
    message: issue.message,
  }));
}

/** Each field's sentences, and those belonging to no field the form shows (for a notice above the form). */
export interface ProblemsByField {
  at: (path: string) => string[];
  /** How many fields the form shows have a sentence. */
  fieldsRefused: number;
  elsewhere: FieldProblem[];
}

export function problemsByField(problems: FieldProblem[], shownPaths: readonly string[]): ProblemsByField {
  const shown = (problem: FieldProblem) => shownPaths.includes(problem.path);
  return {
    at: (path) => problems.filter((problem) => problem.path === path).map((problem) => problem.message),
    fieldsRefused: new Set(problems.filter(shown).map((problem) => problem.path)).size,
    elsewhere: problems.filter((problem) => !shown(problem)),
  };
}

/** A refusal's field problems, when main named fields; undefined for an error that belongs to the whole form. */
export function fieldProblemsOf(error: AppError): FieldProblem[] | undefined {
  return error.fields !== undefined && error.fields.length > 0 ? error.fields : undefined;
}
