// The saved profiles: name, route, which one is primary and whether a token is stored (never the token), with
// Connect, Edit, Make primary and Remove (after asking once more, in a sheet).
import { useState } from 'react';
import { routeSummary } from '../../electron/shared/describe-connection';
import type { Profile } from '../../electron/shared/profile';
import { Sheet } from './Sheet';

export interface ProfileListProps {
  profiles: Profile[];
  primaryId: string | null;
  withToken: string[];
  /** The profile the live connection is for, if any. */
  activeId: string | undefined;
  busy: boolean;
  onConnect: (id: string) => void;
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
                {profile.id === props.activeId ? <span className="badge active">Active</span> : null}
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
              <button type="button" disabled={props.busy} onClick={() => props.onConnect(profile.id)}>
                Connect
              </button>
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
