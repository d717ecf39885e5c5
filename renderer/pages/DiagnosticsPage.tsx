// Diagnostics: runs the doctor on a profile and shows each step as it finishes — pass, warning, failure or skipped,
// why, and the one thing to do with its button (WINDOW_FIX_ACTIONS) or the command to copy — then saves or copies the
// report, redacted by main.
import { useEffect, useRef, useState } from 'react';
import type { DoctorReport, DoctorStep } from '../../electron/shared/doctor';
import type { DoctorExportFormat } from '../../electron/shared/doctor-export';
import type { AppError } from '../../electron/shared/errors';
import type { Profile } from '../../electron/shared/profile';
import type { StabilityHistory } from '../../electron/shared/stability';
import { api } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { FetchTokenOutcome, reachesHostOverSsh, useFetchToken } from '../components/FetchFromHost';
import { StabilityTimeline } from '../components/StabilityTimeline';
import { fixOffered, WINDOW_FIX_ACTIONS, type FixHandlers, type FixSection } from '../components/fix-actions';
import { useConnectionStatus, useEvent } from '../components/use-event';
import { useRequest } from '../components/use-request';

export interface DiagnosticsRunRequest {
  /** Changes with every request, so asking again runs again. */
  nonce: number;
  profileId?: string;
}

export interface DiagnosticsPageProps {
  /** Set when something sent the person here to run the checks (a connection error's "Run Diagnostics"). */
  runRequest: DiagnosticsRunRequest | undefined;
  onOpenSection: (section: FixSection) => void;
  onEditProfile: (profileId: string, focus: 'token' | undefined) => void;
  onShowGeneral: () => void;
}

const STATUS_WORDS: Record<DoctorStep['status'], string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Failed',
  skip: 'Skipped',
};

/** Status is said in a word and a shape, never by colour alone. */
const STATUS_MARKS: Record<DoctorStep['status'], string> = { pass: '✓', warn: '!', fail: '✕', skip: '–' };

type Run =
  | { phase: 'idle' }
  | { phase: 'running'; profileId: string; steps: DoctorStep[] }
  | { phase: 'done'; profileId: string; report: DoctorReport }
  | { phase: 'failed'; profileId: string; error: AppError; steps: DoctorStep[] };

export function DiagnosticsPage(props: DiagnosticsPageProps) {
  const listing = useRequest('profiles:list');
  const live = useConnectionStatus();
  const [chosen, setChosen] = useState<string | undefined>(props.runRequest?.profileId);
  const [run, setRun] = useState<Run>({ phase: 'idle' });
  const [actionError, setActionError] = useState<AppError | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [history, setHistory] = useState<StabilityHistory | undefined>(undefined);
  const running = run.phase === 'running';
  const runningRef = useRef(false);

  const profiles = listing?.ok ? listing.value.profiles : [];
  const profileId = chosen ?? live.status?.profileId ?? (listing?.ok ? listing.value.primaryId : null) ?? undefined;
  const profile = profiles.find((candidate) => candidate.id === profileId);

  useEvent('doctor:step', (step) => {
    setRun((current) => (current.phase === 'running' ? { ...current, steps: [...current.steps, step] } : current));
  });

  async function runChecks(id: string): Promise<void> {
    if (runningRef.current) return;
    runningRef.current = true;
    setActionError(undefined);
    setRun({ phase: 'running', profileId: id, steps: [] });
    const result = await api.invoke('doctor:run', { profileId: id });
    // The hour the stability step judged, drawn beside it; without it the step's sentence still says it all.
    const recorded = await api.invoke('connection:stability', { profileId: id });
    setHistory(recorded.ok ? recorded.value : undefined);
    runningRef.current = false;
    setRun((current) => {
      const steps = current.phase === 'running' ? current.steps : [];
      return result.ok
        ? { phase: 'done', profileId: id, report: result.value }
        : { phase: 'failed', profileId: id, error: result.error, steps };
    });
  }

  // Sent here to run the checks: run them once the profile to check is known.
  const requested = props.runRequest?.nonce;
  const handledRequest = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (requested === undefined || handledRequest.current === requested || profileId === undefined) return;
    handledRequest.current = requested;
    void runChecks(profileId);
  }, [requested, profileId]);

  const fetchToken = useFetchToken(() => {
    if (profileId) void runChecks(profileId);
  });

  if (!listing || (!live.status && !live.error)) return <p className="muted">Loading…</p>;
  if (!listing.ok) return <ErrorNotice error={listing.error} />;

  const steps = run.phase === 'done' ? run.report.steps : run.phase === 'idle' ? [] : run.steps;
  const handlers: FixHandlers = {
    connect: () => {
      if (profileId) void act(api.invoke('connection:connect', { profileId }), () => void runChecks(profileId));
    },
    retryNow: () => void act(api.invoke('connection:retry-now')),
    editProfile: (focus) => {
      if (profileId) props.onEditProfile(profileId, focus);
    },
    // What reaches the host over SSH: reading its config, a local port to free, the SSH keepalive to steady.
    ...(profile && reachesHostOverSsh(profile.route)
      ? {
          fetchToken: () => void fetchToken.fetchToken(profile.id),
          freeLocalPort: () =>
            void act(api.invoke('doctor:free-port', { profileId: profile.id }), () => void runChecks(profile.id)),
          applyStabilitySettings: () =>
            void act(api.invoke('profiles:apply-stability-settings', { profileId: profile.id }), (saved: Profile) =>
              setNotice(`Saved for ${saved.name}: ${keepaliveWords(saved)}. It applies from the next connect.`),
            ),
        }
      : {}),
    // The step's own command is the approval; its Copy button is offered instead.
    toggleApproval: () => {},
    openSection: props.onOpenSection,
  };

  async function act<T>(
    request: Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
    after?: (value: T) => void,
  ) {
    setActionError(undefined);
    setNotice(undefined);
    const result = await request;
    if (result.ok) after?.(result.value);
    else setActionError(result.error);
  }

  return (
    <section aria-labelledby="diagnostics-title" className="diagnostics">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p className="muted">
        Checks the way from this Mac to the Gateway one layer at a time — the name, the port, SSH, the forward, the
        Gateway and its log — and says for each what to do. It never trusts a new host key and changes nothing.
      </p>
      {profiles.length === 0 ? (
        <div className="notice">
          <p>There is no profile to check yet.</p>
          <button type="button" onClick={props.onShowGeneral}>
            Add a profile on General
          </button>
        </div>
      ) : (
        <div className="diagnostics-controls">
          <label>
            Profile{' '}
            <select
              value={profileId ?? ''}
              disabled={running}
              onChange={(event) => {
                setChosen(event.target.value);
                setRun({ phase: 'idle' });
              }}
            >
              {profiles.map((candidate: Profile) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={running || profileId === undefined}
            onClick={() => profileId && void runChecks(profileId)}
          >
            {running ? 'Checking…' : run.phase === 'idle' ? 'Run checks' : 'Run again'}
          </button>
        </div>
      )}
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {run.phase === 'failed' ? <ErrorNotice error={run.error} /> : null}
      {steps.length > 0 || running ? (
        <ol className="doctor-steps" aria-label="Checks" aria-busy={running}>
          {steps.map((step) => (
            <StepRow
              key={step.id}
              step={step}
              handlers={handlers}
              canEdit={profile !== undefined}
              fetching={fetchToken.state.phase === 'fetching'}
              {...(step.id === 'stability' && history && run.phase === 'done' ? { history } : {})}
            />
          ))}
          {running ? (
            <li className="doctor-step pending" role="status">
              Checking{steps.length === 0 ? '' : ' the next step'}…
            </li>
          ) : null}
        </ol>
      ) : null}
      <FetchTokenOutcome state={fetchToken.state} />
      {run.phase === 'done' ? <ReportFooter report={run.report} /> : null}
    </section>
  );
}

function StepRow(props: {
  step: DoctorStep;
  handlers: FixHandlers;
  canEdit: boolean;
  fetching: boolean;
  history?: StabilityHistory;
}) {
  const { step, handlers } = props;
  const { fix } = step;
  const action = fix?.action && fix.action !== 'approve-device' ? WINDOW_FIX_ACTIONS[fix.action] : undefined;
  const offered = action && fixOffered(action, handlers, props.canEdit);
  return (
    <li className="doctor-step" data-status={step.status} aria-label={step.title}>
      <div className="doctor-step-head">
        <span className={`doctor-mark status-${step.status}`} aria-hidden="true">
          {STATUS_MARKS[step.status]}
        </span>
        <span className="doctor-step-title">{step.title}</span>
        <span className={`doctor-status status-${step.status}`} data-testid="step-status">
          {STATUS_WORDS[step.status]}
        </span>
      </div>
      <p className="doctor-detail">{step.detail}</p>
      {props.history ? <StabilityTimeline history={props.history} /> : null}
      {fix?.text || fix?.command || offered ? (
        <div className="doctor-fix">
          {fix?.text ? <p>{fix.text}</p> : null}
          {fix?.command ? <CopyCommand command={fix.command} /> : null}
          {action && offered ? (
            <button
              type="button"
              disabled={action.needs === 'fetch-token' && props.fetching}
              onClick={() => action.run(handlers)}
            >
              {action.label}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function CopyCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  return (
    <div className="copy-command">
      <pre className="command">{command}</pre>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(command).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy command
      </button>
      {copied === undefined ? null : (
        <span className="muted" role="status">
          {copied ? 'Copied.' : 'Could not copy: select the command and copy it by hand.'}
        </span>
      )}
    </div>
  );
}

/** The run's outcome in a sentence, and the report to save or copy, as main redacted it. */
function ReportFooter({ report }: { report: DoctorReport }) {
  const [outcome, setOutcome] = useState<{ text: string } | { error: AppError } | undefined>(undefined);
  const failed = report.steps.filter((step) => step.status === 'fail').length;
  const warned = report.steps.filter((step) => step.status === 'warn').length;

  async function exported(format: DoctorExportFormat) {
    const result = await api.invoke('doctor:export', { report, format });
    if (!result.ok) setOutcome({ error: result.error });
    return result.ok ? result.value : undefined;
  }
  async function save(format: DoctorExportFormat) {
    const file = await exported(format);
    if (!file) return;
    const type = format === 'json' ? 'application/json' : 'text/markdown';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([file.text], { type }));
    link.download = file.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
    setOutcome({ text: `Saved ${file.fileName}.` });
  }
  async function copy() {
    const file = await exported('markdown');
    if (!file) return;
    await navigator.clipboard.writeText(file.text).then(
      () => setOutcome({ text: 'Copied the report as Markdown.' }),
      () => setOutcome({ text: 'Could not reach the clipboard: save the report instead.' }),
    );
  }

  return (
    <div className="doctor-report">
      <p role="status" data-testid="doctor-summary">
        {failed === 0
          ? warned === 0
            ? `Every check of ${report.profile} passed.`
            : `No check of ${report.profile} failed; ${warned} need${warned === 1 ? 's' : ''} attention.`
          : `${failed} check${failed === 1 ? '' : 's'} of ${report.profile} failed.`}
      </p>
      <div className="doctor-export">
        <button type="button" onClick={() => void save('markdown')}>
          Save as Markdown…
        </button>
        <button type="button" onClick={() => void save('json')}>
          Save as JSON…
        </button>
        <button type="button" onClick={() => void copy()}>
          Copy report
        </button>
      </div>
      <p className="muted">Tokens, device tokens and passphrases are replaced by “[redacted]” in what you save.</p>
      {outcome === undefined ? null : 'error' in outcome ? (
        <ErrorNotice error={outcome.error} />
      ) : (
        <p className="notice" role="status">
          {outcome.text}
        </p>
      )}
    </div>
  );
}

/** The profile's SSH keepalive in words, as the stability fix saved it. */
function keepaliveWords(profile: Profile): string {
  const { route } = profile;
  const ssh =
    route.kind === 'ssh' ? route : route.kind === 'tailscale' && route.via.kind === 'ssh' ? route.via : undefined;
  const parts = [
    ssh?.keepaliveIntervalSeconds === undefined ? undefined : `a keepalive every ${ssh.keepaliveIntervalSeconds} s`,
    ssh?.keepaliveCountMax === undefined
      ? undefined
      : `the link given up only after ${ssh.keepaliveCountMax} unanswered in a row`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'the keepalive from ~/.ssh/config' : parts.join(' and ');
}
