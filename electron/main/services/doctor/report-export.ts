// A doctor's report leaving the app (a file saved from the window, `openclaw-remote doctor --json`): every text in it
// is redacted against every secret the app holds — not only those the run met — before it is formatted.
import type { DoctorReport } from '../../../shared/doctor';
import { doctorReportJson, doctorReportMarkdown, type DoctorExportFormat } from '../../../shared/doctor-export';
import type { SecretStore } from '../secrets/secret-store';
import type { Clock } from '../system/clock';
import { storedSecretsRedaction } from './report-redaction';

export interface ReportExportDeps {
  secrets: SecretStore;
  clock: Clock;
  appVersion: string;
}

export interface ExportedReport {
  fileName: string;
  text: string;
}

export async function exportReport(
  report: DoctorReport,
  format: DoctorExportFormat,
  deps: ReportExportDeps,
): Promise<ExportedReport> {
  const redaction = await storedSecretsRedaction(deps.secrets);
  const redact = (text: string) => redaction.redact(text);
  // Redacted field by field before formatting: JSON escaping would otherwise hide a secret holding a quote.
  const clean: DoctorReport = {
    ok: report.ok,
    profile: redact(report.profile),
    steps: report.steps.map((step) => ({
      ...step,
      title: redact(step.title),
      detail: redact(step.detail),
      ...(step.fix
        ? {
            fix: {
              ...step.fix,
              text: redact(step.fix.text),
              ...(step.fix.command === undefined ? {} : { command: redact(step.fix.command) }),
            },
          }
        : {}),
    })),
  };
  const ranAt = new Date(deps.clock.now());
  const day = ranAt.toISOString().slice(0, 10);
  const slug =
    clean.profile
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-|-$/gu, '') || 'profile';
  if (format === 'json') {
    return {
      fileName: `openclaw-remote-diagnostics-${slug}-${day}.json`,
      text: `${JSON.stringify(doctorReportJson(clean), null, 2)}\n`,
    };
  }
  return {
    fileName: `openclaw-remote-diagnostics-${slug}-${day}.md`,
    text: doctorReportMarkdown(clean, { ranAt: ranAt.toISOString(), appVersion: deps.appVersion }),
  };
}
