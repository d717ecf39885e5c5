// The first-run offer: when there is no profile yet and ~/.openclaw/openclaw.json names a remote Gateway, say what
// importing it would give (and what it cannot carry over), and pass on the answer. Main makes the offer once: either
// answer, import or not, is final.
import { useEffect, useState } from 'react';
import type { RequestResult } from '../../electron/shared/contract';
import { routeSummary } from '../../electron/shared/describe-connection';
import type { AppError } from '../../electron/shared/errors';
import type { Profile } from '../../electron/shared/profile';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';

type Offer = NonNullable<RequestResult<'openclaw:import-offer'>>;

export function ImportOffer({ onImported }: { onImported: (profile: Profile) => void }) {
  const [offer, setOffer] = useState<Offer | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let mounted = true;
    void api.invoke('openclaw:import-offer').then((result) => {
      // No offer is nothing to show: an unreadable file is reported by the import itself, not on every visit.
      if (mounted && result.ok && result.value) setOffer(result.value);
    });
    return () => {
      mounted = false;
    };
  }, []);

  if (dismissed || !offer?.profile) return null;
  const { profile } = offer;

  async function answer(accept: boolean) {
    setImporting(true);
    setError(undefined);
    const result = await api.invoke('openclaw:import', { accept });
    setImporting(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDismissed(true);
    if (result.value) onImported(result.value);
  }

  return (
    <section className="import-offer" aria-labelledby="import-offer-title">
      <h3 id="import-offer-title">Import the remote from {offer.path}</h3>
      <p>The OpenClaw CLI on this Mac already connects to a remote Gateway. Importing it gives this profile:</p>
      <dl className="facts">
        <div className="fact">
          <dt>Name</dt>
          <dd>{profile.name}</dd>
        </div>
        <div className="fact">
          <dt>Route</dt>
          <dd>{routeSummary(profile.route)}</dd>
        </div>
        <div className="fact">
          <dt>Token</dt>
          <dd>{offer.tokenFound ? 'Imported (not shown)' : 'None in the file'}</dd>
        </div>
      </dl>
      {offer.notes.length > 0 ? (
        <ul className="notes">
          {offer.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-buttons">
        <button type="button" disabled={importing} onClick={() => void answer(false)}>
          Don’t import
        </button>
        <button type="button" className="primary" disabled={importing} onClick={() => void answer(true)}>
          {importing ? 'Importing…' : 'Import'}
        </button>
      </div>
    </section>
  );
}
