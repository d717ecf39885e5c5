// The host key a profile trusts: each known_hosts line that names its host (type, SHA256 fingerprint, file, line),
// both fingerprints side by side when the host now presents another key, and "Forget this host key…", which shows
// exactly the lines it removes before removing them, so the next connect asks again.
import { useState } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import type { HostKeyLine } from '../../../electron/shared/security';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { SecuritySectionProps } from '../SecurityPage';

export function HostKeySection({ overview, profile, reload }: SecuritySectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [forgotten, setForgotten] = useState<number | undefined>(undefined);
  const facts = overview.hostKey;
  const removable = facts?.lines.filter((line) => line.forget !== 'keep') ?? [];
  const trusted = facts?.lines.find((line) => line.keyType === facts.presented?.keyType) ?? facts?.lines[0];

  async function forget(): Promise<void> {
    setConfirming(false);
    setError(undefined);
    const expected = removable.map(({ file, line, fingerprint }) => ({ file, line, fingerprint }));
    const result = await api.invoke('security:forget-host-key', { profileId: profile.id, expected });
    if (!result.ok) setError(result.error);
    else setForgotten(result.value.removed.length);
    reload();
  }

  async function connect(): Promise<void> {
    setForgotten(undefined);
    const result = await api.invoke('connection:connect', { profileId: profile.id });
    if (!result.ok) setError(result.error);
  }

  return (
    <section aria-labelledby="host-key-title" className="security-section">
      <h3 id="host-key-title" tabIndex={-1}>
        SSH host key
      </h3>
      {facts === null ? (
        <p className="muted">This profile reaches its Gateway at a URL, not over SSH, so no host key is trusted.</p>
      ) : (
        <>
          {facts.presented ? (
            <div className="warning" role="alert" aria-label="The host key has changed">
              <p>
                <strong>The host key has changed.</strong> The host now presents a different key than the one this Mac
                trusts. Someone may be intercepting the connection; it is also what a reinstalled server looks like. Ask
                the host’s administrator which fingerprint is right before you forget the old key.
              </p>
              <dl className="facts">
                <div className="fact">
                  <dt>Trusted</dt>
                  <dd>
                    <code className="fingerprint" data-testid="trusted-fingerprint">
                      {trusted?.fingerprint ?? 'none'}
                    </code>
                    {trusted ? ` (${trusted.keyType}, ${trusted.file} line ${trusted.line})` : null}
                  </dd>
                </div>
                <div className="fact">
                  <dt>Presented now</dt>
                  <dd>
                    <code className="fingerprint" data-testid="presented-fingerprint">
                      {facts.presented.fingerprint}
                    </code>{' '}
                    ({facts.presented.keyType})
                  </dd>
                </div>
              </dl>
            </div>
          ) : null}
          {facts.tailscaleKeys ? (
            <div className="notice">
              <p>
                Tailscale publishes this device’s host keys, and the app trusts them without known_hosts
                {facts.tailscaleKeys.length === 0 ? ' (none is published for it now).' : ':'}
              </p>
              <ul>
                {facts.tailscaleKeys.map((key) => (
                  <li key={key.fingerprint}>
                    {key.keyType} <code className="fingerprint">{key.fingerprint}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {facts.problem ? <p className="warning-text">{facts.problem}</p> : null}
          {facts.lines.length === 0 && !facts.problem ? (
            <p className="muted">
              No known_hosts line names {facts.knownHostsName}: the next connect asks whether to trust its key.
            </p>
          ) : (
            <ul className="host-key-lines" aria-label="Trusted host keys">
              {facts.lines.map((line) => (
                <li key={`${line.file}:${line.line}`} aria-label={`${line.file} line ${line.line}`}>
                  <LineFacts line={line} />
                  {line.keptBecause ? <p className="muted small">{line.keptBecause}</p> : null}
                </li>
              ))}
            </ul>
          )}
          {confirming ? (
            <div className="confirm" role="group" aria-label="Forget this host key?">
              <p>Forgetting removes these lines; the next connect asks again whether to trust the host’s key:</p>
              <ul className="host-key-lines" aria-label="Lines to remove">
                {removable.map((line) => (
                  <li key={`${line.file}:${line.line}`}>
                    <LineFacts line={line} />
                    {line.forget === 'remove-name' ? (
                      <p className="muted small">Only {facts.knownHostsName} is taken out of this line.</p>
                    ) : null}
                  </li>
                ))}
              </ul>
              <div className="profile-buttons">
                <button type="button" className="danger" onClick={() => void forget()}>
                  Forget
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : removable.length > 0 ? (
            <div className="profile-buttons">
              <button type="button" onClick={() => setConfirming(true)}>
                Forget this host key…
              </button>
            </div>
          ) : null}
        </>
      )}
      {forgotten !== undefined ? (
        <div className="notice" role="status">
          <p>
            Forgot {forgotten} known_hosts line{forgotten === 1 ? '' : 's'}. Connect to check the host’s key and decide
            whether to trust it.
          </p>
          <button type="button" onClick={() => void connect()}>
            Connect
          </button>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}

function LineFacts({ line }: { line: HostKeyLine }) {
  return (
    <p>
      {line.keyType} <code className="fingerprint">{line.fingerprint}</code>
      <br />
      <span className="muted small">
        <span className="path">{line.file}</span>, line {line.line} ({line.hosts})
      </span>
    </p>
  );
}
