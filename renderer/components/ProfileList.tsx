// The saved profiles: name, route, which one is primary, the live one's state in words, and whether a token is
// stored (never the token), with Connect (or, on the live one, what its state calls for), Edit, Make primary and
// Remove (after asking once more, in a sheet).
import { useState } from 'react';
import type { ConnectionState } from '../../electron/shared/connection-status';
import { routeSummary } from '../../electron/shared/describe-connection';
import type { Profile } from '../../electron/shared/profile';
import { liveButtons } from '../../electron/shared/live-buttons';
import { Sheet } from './Sheet';

export interface ProfileListProps {
  profiles: Profile[];
  primaryId: string | null;
  withToken: string[];
  /** The profile the live connection is for, if any, and that connection's state. */
  activeId: string | undefined;
  activeState: ConnectionState | undefined;
  busy: boolean;
  onConnect: (id: string) => void;
  onDisconnect: () => void;
  onRetryNow: () => void;
  onEdit: (id: string) => void;
  onRemove: (id: string) => void;
  onMakePrimary: (id: string) => void;
}

export function ProfileList(props: ProfileListProps) {
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  // With none, General says what to do instead (its empty state).
  if (props.profiles.length === 0) return null;
  return (
    <ul className="profile-list" aria-label="Profiles">
      {props.profiles.map((profile) => {
        const primary = profile.id === props.primaryId;
        const hasToken = props.withToken.includes(profile.id);
        return (
          <li key={profile.id} className="profile" aria-label={profile.name} data-profile-id={profile.id}>
            <div className="profile-text">
              <p className="profile-name">
                {profile.name}
                {primary ? <span className="badge">Primary</span> : null}
                {profile.id === props.activeId && props.activeState ? <LiveBadge state={props.activeState} /> : null}
              </p>
              <p className="muted">{routeSummary(profile.route)}</p>
              <p className="muted">{hasToken ? 'Token stored' : 'No token stored'}</p>
            </div>
            {confirming === profile.id ? (
              <Sheet
                title={`Remove “${profile.name}”?`}
                onCancel={() => setConfirming(undefined)}
                onConfirm={() => {
                  setConfirming(undefined);
                  props.onRemove(profile.id);
                }}
              >
                <p>Its stored token goes with it, and a connection it has open is closed first.</p>
                <div className="form-buttons">
                  <button type="button" onClick={() => setConfirming(undefined)}>
                    Cancel
                  </button>
                  <button
                    type="button"
                    className="danger"
                    onClick={() => {
                      setConfirming(undefined);
                      props.onRemove(profile.id);
                    }}
                  >
                    Remove
                  </button>
                </div>
              </Sheet>
            ) : null}
            <div className="profile-buttons">
              <LiveButton
                state={profile.id === props.activeId ? props.activeState : undefined}
                busy={props.busy}
                onConnect={() => props.onConnect(profile.id)}
                onDisconnect={props.onDisconnect}
                onRetryNow={props.onRetryNow}
              />
              <button type="button" onClick={() => props.onEdit(profile.id)}>
                Edit
              </button>
              {primary ? null : (
                <button type="button" onClick={() => props.onMakePrimary(profile.id)}>
                  Make primary
                </button>
              )}
              <button type="button" onClick={() => setConfirming(profile.id)}>
                Remove…
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** The live profile's state in words, coloured by how it is going; "Active" only while it is well. */
function LiveBadge({ state }: { state: ConnectionState }) {
  switch (state) {
    case 'connected':
      return <span className="badge active">Active</span>;
    case 'connecting':
      return <span className="badge state-busy">Connecting</span>;
    case 'degraded':
      return <span className="badge state-busy">Warning</span>;
    case 'reconnecting':
      return <span className="badge state-busy">Reconnecting</span>;
    case 'error':
      return <span className="badge state-bad">Failed</span>;
    case 'idle':
      return null;
  }
}

/**
 * A row's one connection button: Connect for any profile but the live one, which offers the first of what its state
 * calls for (the status header's rule, `liveButtons`): Retry now while waiting or after a failure, else Disconnect.
 */
function LiveButton(props: {
  state: ConnectionState | undefined;
  busy: boolean;
  onConnect: () => void;
  onDisconnect: () => void;
  onRetryNow: () => void;
}) {
  const buttons = liveButtons(props.state ?? 'idle');
  const [label, onClick] = buttons.connect
    ? ['Connect', props.onConnect]
    : buttons.retry
      ? ['Retry now', buttons.retry === 'reconnect' ? props.onConnect : props.onRetryNow]
      : ['Disconnect', props.onDisconnect];
  return (
    <button type="button" disabled={props.busy} onClick={onClick}>
      {label}
    </button>
  );
}
