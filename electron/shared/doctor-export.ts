// The doctor's report as people take it away: JSON (the shape `openclaw-remote doctor --json` prints, every key
// always present) and Markdown (for a bug report or a chat). Pure text from the report; main redacts the result.
import type { DoctorReport, DoctorStep } from './doctor';

export const DOCTOR_EXPORT_FORMATS = ['json', 'markdown'] as const;
export type DoctorExportFormat = (typeof DOCTOR_EXPORT_FORMATS)[number];

/** One step as JSON: `fix` is null rather than absent, so scripts can test it without a second case. */
export interface DoctorJsonStep {
  id: DoctorStep['id'];
  title: string;
  status: DoctorStep['status'];
  detail: string;
  fix: NonNullable<DoctorStep['fix']> | null;
}

export interface DoctorJsonReport {
  ok: boolean;
  profile: string;
  steps: DoctorJsonStep[];
}

export function doctorReportJson(report: DoctorReport): DoctorJsonReport {
  return {
    ok: report.ok,
    profile: report.profile,
    steps: report.steps.map(({ id, title, status, detail, fix }) => ({ id, title, status, detail, fix: fix ?? null })),
  };
}

const STATUS_WORDS: Record<DoctorStep['status'], string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
};

export interface MarkdownContext {
  /** When the checks ran, as the person's clock shows it (ISO 8601). */
  ranAt: string;
  appVersion: string;
}

export function doctorReportMarkdown(report: DoctorReport, context: MarkdownContext): string {
  const failed = report.steps.filter((step) => step.status === 'fail').length;
  const lines = [
    `# OpenClaw Remote diagnostics: ${report.profile}`,
    '',
    `Ran ${context.ranAt} with OpenClaw Remote ${context.appVersion}. ` +
      (failed === 0 ? 'No step failed.' : `${failed} step${failed === 1 ? '' : 's'} failed.`),
    '',
  ];
  report.steps.forEach((step, index) => {
    lines.push(`## ${index + 1}. ${step.title}: ${STATUS_WORDS[step.status]}`, '');
    // Details may hold log lines; a fenced block keeps them as they were, other text stays prose.
    lines.push(...(step.detail.includes('\n') ? fenced(step.detail) : [step.detail]), '');
    if (step.fix?.text) lines.push(`**What to do:** ${step.fix.text}`, '');
    if (step.fix?.command) lines.push(...fenced(step.fix.command), '');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A fence longer than any run of backticks in the text, so nothing inside can close it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/gu)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return [fence, text, fence];
}
