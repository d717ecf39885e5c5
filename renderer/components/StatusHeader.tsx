// The live connection at the top of General: its state in words and colour with the one action that state calls for,
// the profile and route, the Gateway's version and latency, since when it is up or when the next retry comes, and
// the last error (or, while connected, the warning) with the one button most likely to fix it (WINDOW_FIX_ACTIONS).
import { useState, type ReactNode } from 'react';
import type { ConnectionError, ConnectionStatus } from '../../electron/shared/connection-status';
import { FetchTokenOutcome, type FetchTokenState } from './FetchFromHost';
import { fixOffered, WINDOW_FIX_ACTIONS, type FixHandlers, type FixSection } from './fix-actions';
import {
  countdown,
  duration,
  routeDetailsSummary,
  STATE_WORDS,
  stateTone,
  when,
} from '../../electron/shared/describe-connection';
import { liveButtons } from '../../electron/shared/live-buttons';
import { useNow } from './use-event';

export interface StatusHeaderProps {
  status: ConnectionStatus;
  /** Whether there is a profile Connect would use. */
  canConnect: boolean;
  busy: boolean;
  onConnect: () => void;
  onDisconnect: () => void;
  onRetryNow: () => void;
  onEditProfile: (focus: 'token' | undefined) => void;
  /** Opens a sidebar section a fix action points at (Logs, Diagnostics, Security, Tailscale). */
  onOpenSection: (section: FixSection) => void;
  /** Fetch from host, offered beside an error that asks for the token when the live profile reaches its host over SSH. */
  fetchToken?: { state: FetchTokenState; run: () => void };
}

export function StatusHeader(props: StatusHeaderProps) {
  const { status, canConnect, busy } = props;
  const reconnecting = status.state === 'reconnecting' && status.retry !== undefined;
  const now = useNow(reconnecting || status.connectedSince !== undefined);
  const tone = stateTone(status.state);
  const facts: [string, string][] = [];
  if (status.profileName) facts.push(['Profile', status.profileName]);
  if (status.route) {
    facts.push(['Route', routeDetailsSummary(status.route)]);
    if (status.route.kind === 'ssh' && status.route.url) facts.push(['Gateway URL', status.route.url]);
    if (status.route.stage) facts.push(['Now', status.route.stage]);
  }
  if (status.gatewayVersion) facts.push(['Gateway', `OpenClaw ${status.gatewayVersion}`]);
  if (status.latencyMs !== undefined) facts.push(['Latency', `${Math.round(status.latencyMs)} ms`]);
  if (status.connectedSince !== undefined && (status.state === 'connected' || status.state === 'degraded')) {
    facts.push(['Connected since', `${when(status.connectedSince, now)} (${duration(status.connectedSince, now)})`]);
  }
  if (reconnecting && status.retry) {
    facts.push(['Next attempt', `Attempt ${status.retry.attempt}, ${countdown(status.retry.at, now)}`]);
  }
  // The error's own button may already connect or retry; the header then does not offer the same thing twice.
  const errorFixRetries = status.lastError?.action === 'retry-now' || status.lastError?.action === 'trust-host-key';
  const buttons = liveButtons(status.state, errorFixRetries);
  return (
    <section className="status-header" aria-label="Connection status" data-state={status.state}>
      <div className="status-title">
        <span className={`status-dot tone-${tone}`} aria-hidden="true" />
        <p className="status-state" role="status" data-testid="connection-state">
          {STATE_WORDS[status.state]}
        </p>
        <div className="status-buttons">
          {buttons.connect ? (
            <button type="button" className="primary" disabled={busy || !canConnect} onClick={props.onConnect}>
              Connect
            </button>
          ) : null}
          {buttons.retry ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={buttons.retry === 'reconnect' ? props.onConnect : props.onRetryNow}
            >
              Retry now
            </button>
          ) : null}
          {buttons.disconnect ? (
            <button type="button" disabled={busy} onClick={props.onDisconnect}>
              Disconnect
            </button>
          ) : null}
        </div>
      </div>
      {facts.length > 0 ? (
        <dl className="facts status-facts">
          {facts.map(([label, value]) => (
            <div key={label} className="fact">
              <dt>{label}</dt>
              <dd data-testid={`status-${label.toLowerCase().replace(/\s+/g, '-')}`}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {status.state === 'idle' && !canConnect ? (
        <p className="muted">Add a profile below to connect to a Gateway.</p>
      ) : null}
      {status.lastError ? (
        <LastError
          error={status.lastError}
          warning={status.state === 'degraded'}
          onRetryNow={props.onRetryNow}
          onEditProfile={props.onEditProfile}
          onConnect={props.onConnect}
          onOpenSection={props.onOpenSection}
          busy={busy}
          canEdit={status.profileId !== undefined}
          {...(props.fetchToken ? { fetchToken: props.fetchToken } : {})}
        />
      ) : null}
    </section>
  );
}

function LastError(props: {
  error: ConnectionError;
  /** Still connected: a warning's colours, not an error's. */
  warning: boolean;
  busy: boolean;
  canEdit: boolean;
  onRetryNow: () => void;
  onEditProfile: (focus: 'token' | undefined) => void;
  onConnect: () => void;
  onOpenSection: (section: FixSection) => void;
  fetchToken?: { state: FetchTokenState; run: () => void };
}) {
  const { error } = props;
  const [approvalShown, setApprovalShown] = useState(false);
  const { requestId } = error;
  const handlers: FixHandlers = {
    connect: props.onConnect,
    retryNow: props.onRetryNow,
    editProfile: props.onEditProfile,
    ...(props.fetchToken ? { fetchToken: props.fetchToken.run } : {}),
    toggleApproval: () => setApprovalShown((shown) => !shown),
    openSection: props.onOpenSection,
  };
  const fix = error.action ? WINDOW_FIX_ACTIONS[error.action] : undefined;
  const offered = fix && fixOffered(fix, handlers, props.canEdit);
  const fetching = props.fetchToken?.state.phase === 'fetching';
  const button: ReactNode =
    fix && offered ? (
      <>
        <button
          type="button"
          disabled={(error.action === 'retry-now' && props.busy) || (fix.needs === 'fetch-token' && fetching)}
          {...(error.action === 'approve-device' ? { 'aria-expanded': approvalShown } : {})}
          onClick={() => fix.run(handlers)}
        >
          {fix.label}
        </button>
        {/* A token the Gateway refused is often the host's current one: offer to read it beside the editor. */}
        {error.action === 'enter-token' && props.fetchToken ? (
          <button type="button" disabled={props.busy || fetching} onClick={props.fetchToken.run}>
            Fetch from host
          </button>
        ) : null}
      </>
    ) : null;
  return (
    <div className={`${props.warning ? 'warning' : 'error-notice'} status-error`} role="alert" data-kind={error.kind}>
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
      {approvalShown ? (
        <div className="approve-steps">
          <p>On the Gateway host, approve this Mac’s pairing request:</p>
          <pre className="command">
            {requestId
              ? `openclaw devices approve ${requestId}`
              : 'openclaw devices list\nopenclaw devices approve <request id>'}
          </pre>
          <p>OpenClaw Remote connects by itself once it is approved.</p>
        </div>
      ) : null}
      <div className="error-actions">
        {button}
        {/* Whatever the error, the checks of each layer are one click away. */}
        {error.action !== 'open-diagnostics' ? (
          <button type="button" onClick={() => props.onOpenSection('diagnostics')}>
            Run Diagnostics
          </button>
        ) : null}
      </div>
      {error.action === 'enter-token' && props.fetchToken ? <FetchTokenOutcome state={props.fetchToken.state} /> : null}
    </div>
  );
}
