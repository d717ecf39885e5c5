// The sheet shown while the Gateway waits for someone to approve this Mac: the request id, the exact command to run on
// the Gateway host with a Copy button, and a live "Waiting for approval…" while the connection retries by itself. It
// closes when Connected arrives (or the connection ends or fails otherwise); Close leaves the retrying going on.
import { useEffect, useRef, useState } from 'react';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { useConnectionStatus } from './use-event';

interface PendingPairing {
  requestId: string | undefined;
  message: string;
  profileName: string | undefined;
}

/** What the sheet shows next, given what it showed and the newest status. */
function nextPairing(shown: PendingPairing | undefined, status: ConnectionStatus): PendingPairing | undefined {
  const error = status.lastError;
  if (error?.kind === 'gateway-pairing-required') {
    return { requestId: error.requestId, message: error.message, profileName: status.profileName };
  }
  // Between two attempts a status may carry no error: the request is still pending until something else is said.
  const stillTrying = (status.state === 'connecting' || status.state === 'reconnecting') && !error;
  return stillTrying ? shown : undefined;
}

export function PairingSheet() {
  const { status } = useConnectionStatus();
  const [pending, setPending] = useState<PendingPairing | undefined>(undefined);
  /** The request the person closed the sheet for: not shown again, while a new request would be. */
  const [dismissed, setDismissed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (status) setPending((shown) => nextPairing(shown, status));
  }, [status]);
  if (!pending) return null;
  const key = pending.requestId ?? 'unknown request';
  if (dismissed === key) return null;
  return <PairingDialog key={key} pending={pending} onClose={() => setDismissed(key)} />;
}

function PairingDialog({ pending, onClose }: { pending: PendingPairing; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const { requestId } = pending;
  const command = requestId
    ? `openclaw devices approve ${requestId}`
    : 'openclaw devices list\nopenclaw devices approve <request id>';

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    copyRef.current?.focus();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="prompt pairing-sheet"
      role="dialog"
      aria-modal="true"
      aria-labelledby="pairing-title"
      aria-describedby="pairing-message"
      onCancel={(event) => {
        // Escape closes the sheet; the connection keeps waiting for the approval behind it.
        event.preventDefault();
        onClose();
      }}
    >
      <h3 id="pairing-title">Approve this Mac on the Gateway host</h3>
      <p id="pairing-message">
        {pending.message}
        {pending.profileName ? ` (${pending.profileName})` : ''}
      </p>
      {requestId ? (
        <dl className="facts">
          <div className="fact">
            <dt>Request</dt>
            <dd data-testid="pairing-request-id">{requestId}</dd>
          </div>
        </dl>
      ) : null}
      <p>On the Gateway host, run:</p>
      <div className="copy-command">
        <pre className="command" data-testid="pairing-command">
          {command}
        </pre>
        <button
          ref={copyRef}
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
          <span className="muted">
            {copied ? 'Copied.' : 'Could not copy: select the command and copy it by hand.'}
          </span>
        )}
      </div>
      <p className="pairing-waiting" role="status">
        <span className="spinner" aria-hidden="true" /> Waiting for approval… OpenClaw Remote tries again every few
        seconds and connects by itself once it is approved.
      </p>
      <div className="form-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
