// Questions main asks while connecting, as a modal dialog over whichever section is open: trust an SSH host key seen
// for the first time, or the passphrase of a key. Questions wait in line; each gets exactly one answer.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../electron/shared/errors';
import type { PromptAnswer, PromptRequest } from '../../electron/shared/prompt';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { useEvent } from './use-event';

export function PromptDialog() {
  const [queue, setQueue] = useState<PromptRequest[]>([]);
  useEvent('prompt:request', (request) =>
    setQueue((waiting) => (waiting.some((other) => other.id === request.id) ? waiting : [...waiting, request])),
  );
  const current = queue[0];
  if (!current) return null;
  const done = () => setQueue((waiting) => waiting.filter((other) => other.id !== current.id));
  return <PromptModal key={current.id} request={current} onDone={done} />;
}

function PromptModal({ request, onDone }: { request: PromptRequest; onDone: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const rememberRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    passphraseRef.current?.focus();
    return () => dialog?.close();
  }, []);

  async function answer(value: PromptAnswer['answer']) {
    setSending(true);
    setError(undefined);
    const result = await api.invoke('prompt:answer', { id: request.id, answer: value });
    setSending(false);
    if (passphraseRef.current) passphraseRef.current.value = '';
    // An answer main no longer waits for (it timed out, or was answered elsewhere) is shown once, then dismissed.
    if (result.ok) onDone();
    else setError(result.error);
  }

  const decline: PromptAnswer['answer'] = request.kind === 'host-key' ? { trust: false } : { passphrase: null };
  const titleId = `prompt-${request.id}-title`;

  // Enter gives the passphrase; trusting a host key always takes a deliberate click on Trust.
  function submit(event: FormEvent) {
    event.preventDefault();
    if (request.kind === 'passphrase' && !sending) {
      void answer({ passphrase: passphraseRef.current?.value ?? '', remember: rememberRef.current?.checked === true });
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="prompt"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape declines, as "Don't trust" or "Skip this key" would.
        event.preventDefault();
        if (error) onDone();
        else if (!sending) void answer(decline);
      }}
    >
      <form noValidate onSubmit={submit}>
        {request.kind === 'host-key' ? (
          <>
            <h3 id={titleId}>Unknown SSH host</h3>
            <p>
              The authenticity of host ‘{request.port === 22 ? request.host : `[${request.host}]:${request.port}`}’
              can’t be established.
            </p>
            <p>{request.keyType} key fingerprint is:</p>
            <p className="fingerprint" data-testid="prompt-fingerprint">
              {request.fingerprint}
            </p>
            {request.otherKeyTypesKnown && request.otherKeyTypesKnown.length > 0 ? (
              <p className="warning-text">
                This host is already known by a {request.otherKeyTypesKnown.join(', ')} key. A new key type can be
                normal after a server upgrade, but compare the fingerprint with the server’s administrator.
              </p>
            ) : null}
            <p className="muted">
              Compare it with the fingerprint the host’s administrator gives you. If you trust it, it is recorded in{' '}
              <span className="path">{request.knownHostsFile}</span>.
            </p>
          </>
        ) : (
          <>
            <h3 id={titleId}>Passphrase needed</h3>
            <p>
              Enter the passphrase for the key <span className="path">{request.keyFile}</span>.
            </p>
            <div className="field">
              <label htmlFor={`prompt-${request.id}-passphrase`}>Passphrase</label>
              <input id={`prompt-${request.id}-passphrase`} ref={passphraseRef} type="password" autoComplete="off" />
            </div>
            <div className="field check">
              <label>
                <input ref={rememberRef} type="checkbox" />
                Remember it for this profile (kept with its token)
              </label>
            </div>
          </>
        )}
        {error ? <ErrorNotice error={error} /> : null}
        <div className="form-buttons">
          {error ? (
            <button type="button" onClick={onDone}>
              Close
            </button>
          ) : (
            <>
              <button type="button" disabled={sending} onClick={() => void answer(decline)}>
                {request.kind === 'host-key' ? 'Don’t trust' : 'Skip this key'}
              </button>
              {request.kind === 'host-key' ? (
                <button
                  type="button"
                  className="primary"
                  disabled={sending}
                  onClick={() => void answer({ trust: true })}
                >
                  Trust
                </button>
              ) : (
                <button type="submit" className="primary" disabled={sending}>
                  OK
                </button>
              )}
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
