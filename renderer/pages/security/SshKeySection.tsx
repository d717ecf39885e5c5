// The profile's SSH key on the Security page: which key the next connect offers, its type, size, fingerprint and age
// (with a reminder past 90 days), "Generate a new Ed25519 key" with an optional passphrase typed twice, and "Install my
// public key on the host" over the live SSH link, which adds it to ~/.ssh/authorized_keys once.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AppError } from '../../../electron/shared/errors';
import {
  SSH_KEY_ROTATION_DAYS,
  type InstalledKey,
  type SshKey,
  type SshKeyState,
} from '../../../electron/shared/security-access';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ConnectFirst } from './ConnectFirst';

export function SshKeySection({ profileId }: { profileId: string }) {
  const [state, setState] = useState<SshKeyState | undefined>(undefined);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<SshKey | undefined>(undefined);
  const [installing, setInstalling] = useState(false);
  const [installed, setInstalled] = useState<InstalledKey | undefined>(undefined);
  const [installError, setInstallError] = useState<AppError | undefined>(undefined);

  const load = useCallback(async () => {
    const result = await api.invoke('security:ssh-key', { profileId });
    if (result.ok) {
      setState(result.value);
      setError(undefined);
    } else setError(result.error);
  }, [profileId]);
  useEffect(() => void load(), [load]);

  const install = async () => {
    setInstalling(true);
    setInstalled(undefined);
    const result = await api.invoke('security:install-key', { profileId });
    setInstalling(false);
    if (result.ok) {
      setInstalled(result.value);
      setInstallError(undefined);
    } else setInstallError(result.error);
  };

  return (
    <section aria-labelledby="ssh-key-title">
      <h3 id="ssh-key-title">SSH key</h3>
      {error ? <ErrorNotice error={error} /> : null}
      {!state ? (
        error ? null : (
          <p className="muted">Reading the key…</p>
        )
      ) : !state.ssh ? (
        <p className="muted">This profile reaches its Gateway without SSH, so it uses no SSH key.</p>
      ) : (
        <>
          {state.key ? (
            <KeyFacts sshKey={state.key} />
          ) : (
            <p className="muted" data-testid="no-ssh-key">
              {state.missingFile
                ? `The identity file ${state.missingFile} is missing. Generate a new key below.`
                : 'No SSH key on this Mac yet. Generate one below, then install it on the host.'}
            </p>
          )}
          {generated ? (
            <p role="status" data-testid="generated-key">
              New key written to <span className="path">{generated.path}</span>; this profile uses it from the next
              connect. Install it on the host before you reconnect.
            </p>
          ) : null}
          {generating ? (
            <GenerateForm
              profileId={profileId}
              onCancel={() => setGenerating(false)}
              onDone={(key) => {
                setGenerating(false);
                setGenerated(key);
                setInstalled(undefined);
                void load();
              }}
            />
          ) : (
            <div className="form-buttons">
              <button
                type="button"
                onClick={() => {
                  setGenerating(true);
                  setGenerated(undefined);
                }}
              >
                Generate a new Ed25519 key…
              </button>
              {state.key ? (
                <button type="button" disabled={installing} onClick={() => void install()}>
                  {installing ? 'Installing…' : 'Install my public key on the host'}
                </button>
              ) : null}
            </div>
          )}
          {installed ? (
            <div className="notice">
              <p role="status" data-testid="install-outcome">
                {installed.added
                  ? `Added ${installed.fingerprint} to ${installed.file} on the host. The next connect can sign in with it.`
                  : `${installed.file} on the host already lists ${installed.fingerprint}; nothing changed.`}
              </p>
              <div className="form-buttons">
                <button type="button" onClick={() => void api.invoke('connection:connect', { profileId })}>
                  Reconnect with this key
                </button>
              </div>
            </div>
          ) : null}
          {installError?.kind === 'needs-live-connection' ? (
            <ConnectFirst profileId={profileId} what="installing the key" />
          ) : installError ? (
            <ErrorNotice error={installError} />
          ) : null}
        </>
      )}
    </section>
  );
}

function KeyFacts({ sshKey }: { sshKey: SshKey }) {
  const rows: [string, string][] = [
    ['File', sshKey.path + (sshKey.source === 'default' ? ' (OpenSSH default)' : '')],
    ['Type', `${sshKey.type ?? 'unknown'}${sshKey.bits === undefined ? '' : `, ${sshKey.bits} bits`}`],
    ['Fingerprint', sshKey.fingerprint ?? 'unknown'],
    ['Age', `${sshKey.ageDays} day${sshKey.ageDays === 1 ? '' : 's'}`],
    ['Passphrase', sshKey.encrypted ? 'Yes' : 'None'],
  ];
  return (
    <>
      <dl className="facts" aria-label="SSH key">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd data-testid={`ssh-key-${label.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {sshKey.rotationDue ? (
        <p className="warning-text" role="note">
          This key is older than {SSH_KEY_ROTATION_DAYS} days. Generate a new one, install it, and remove the old one
          from the host&apos;s ~/.ssh/authorized_keys.
        </p>
      ) : null}
    </>
  );
}

function GenerateForm({
  profileId,
  onCancel,
  onDone,
}: {
  profileId: string;
  onCancel: () => void;
  onDone: (key: SshKey) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>(undefined);
  const mismatch = again !== '' && again !== passphrase;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== again) return;
    setBusy(true);
    const result = await api.invoke('security:generate-key', {
      profileId,
      ...(passphrase ? { passphrase } : {}),
    });
    setBusy(false);
    // The passphrase leaves the page's memory either way; the key file holds it now, encrypted.
    setPassphrase('');
    setAgain('');
    if (result.ok) onDone(result.value.key);
    else setError(result.error);
  };

  return (
    <form aria-label="New SSH key" onSubmit={(event) => void submit(event)}>
      <p className="muted">
        The key is written to ~/.ssh (never over a key there) and becomes this profile&apos;s identity file. A
        passphrase protects it if this Mac is lost; leave it empty for none.
      </p>
      <label>
        Passphrase (optional){' '}
        <input
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>{' '}
      <label>
        Passphrase again{' '}
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'passphrase-mismatch' : undefined}
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      {mismatch ? (
        <p id="passphrase-mismatch" className="warning-text">
          The two passphrases differ; type the same one twice.
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || passphrase !== again}>
          {busy ? 'Generating…' : 'Generate'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
