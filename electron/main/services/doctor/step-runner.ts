// Runs the doctor's checks in order and turns each into a reported step: a check that throws fails with the error's
// sentence and fix, and a check whose prerequisite did not pass is skipped with the reason, never run against a way
// that is known to be broken. Every text is redacted before anyone sees it.
import type { DoctorFix, DoctorStep, DoctorStepId } from '../../../shared/doctor';
import { fixActionOf } from '../../../shared/error-kinds';
import { AppFailure } from '../../app-failure';

/** How a check went; `blocksDependents` stops the checks that need it even when it only warns (an untrusted key). */
export interface CheckOutcome {
  status: DoctorStep['status'];
  detail: string;
  fix?: DoctorFix;
  blocksDependents?: boolean;
}

export interface DoctorCheck {
  id: DoctorStepId;
  title: string;
  /** The checks that must pass (or warn without blocking) before this one can say anything. */
  needs: readonly DoctorStepId[];
  run(): Promise<CheckOutcome> | CheckOutcome;
}

export interface StepRunnerOptions {
  /** Each step, as soon as it finished or was skipped. */
  onStep?: (step: DoctorStep) => void;
  /** Applied to every detail and fix before it leaves the runner. */
  redact: (text: string) => string;
}

export async function runChecks(checks: readonly DoctorCheck[], options: StepRunnerOptions): Promise<DoctorStep[]> {
  const steps: DoctorStep[] = [];
  /** Why a check did not pass in a way its dependents can build on: the title of the step at the root of it. */
  const blockedBy = new Map<DoctorStepId, string>();
  for (const check of checks) {
    const blocker = check.needs.map((id) => blockedBy.get(id)).find((reason) => reason !== undefined);
    const outcome: CheckOutcome =
      blocker === undefined
        ? await outcomeOf(check)
        : { status: 'skip', detail: `Skipped: ${blocker}.`, blocksDependents: true };
    if (outcome.blocksDependents || outcome.status === 'fail') {
      blockedBy.set(check.id, blocker ?? reasonOf(check, outcome));
    }
    const step: DoctorStep = {
      id: check.id,
      title: check.title,
      status: outcome.status,
      detail: options.redact(outcome.detail),
      ...(outcome.fix ? { fix: redactFix(outcome.fix, options.redact) } : {}),
    };
    steps.push(step);
    options.onStep?.(step);
  }
  return steps;
}

async function outcomeOf(check: DoctorCheck): Promise<CheckOutcome> {
  try {
    return await check.run();
  } catch (error) {
    if (error instanceof AppFailure) {
      const { message, hint, kind } = error.error;
      const action = error.error.action ?? fixActionOf(kind);
      return {
        status: 'fail',
        detail: message,
        ...(hint || action ? { fix: { text: hint ?? '', ...(action ? { action } : {}) } } : {}),
      };
    }
    return { status: 'fail', detail: `The check stopped unexpectedly: ${String(error)}.` };
  }
}

function reasonOf(check: DoctorCheck, outcome: CheckOutcome): string {
  const { title } = check;
  if (outcome.status === 'fail') return `${title} failed`;
  if (outcome.status === 'warn') return `${title} needs attention first`;
  return `${title} could not be checked`;
}

function redactFix(fix: DoctorFix, redact: (text: string) => string): DoctorFix {
  return { ...fix, text: redact(fix.text) };
}
