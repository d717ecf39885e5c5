// General: the live connection (status header), the saved profiles (or, with none, what to do), the profile editor
// in its sheet, and on first run the offer to import the remote the OpenClaw CLI already uses.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import type { RequestResult } from '../../electron/shared/contract';
import type { AppError, Result } from '../../electron/shared/errors';
import type { Profile } from '../../electron/shared/profile';
import { api } from '../api';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { reachesHostOverSsh, useFetchToken } from '../components/FetchFromHost';
import { ImportOffer } from '../components/ImportOffer';
import { ProfileEditor } from '../components/ProfileEditor';
import { ProfileList } from '../components/ProfileList';
import { Progress } from '../components/Progress';
import type { FixSection } from '../components/fix-actions';
import { StatusHeader } from '../components/StatusHeader';
import { useConnectionStatus } from '../components/use-event';

type ProfileListing = RequestResult<'profiles:list'>;

/** Another page asked for a profile's editor (a fix in Diagnostics); a new nonce asks again. */
export interface EditRequest {
  profileId: string;
  focus?: 'token';
  nonce: number;
}

interface EditorState {
  /** undefined: a new profile. */
  profileId: string | undefined;
  focus?: 'token';
  /** Changes on every request to open the editor (its key), so asking again focuses again; not when it saves in place. */
  nonce: number;
}

export function GeneralPage({
  onOpenSection,
  editRequest,
}: {
  onOpenSection: (section: FixSection) => void;
  editRequest?: EditRequest | undefined;
}) {
  const live = useConnectionStatus();
  const [listing, setListing] = useState<Result<ProfileListing> | undefined>(undefined);
  const [editor, setEditor] = useState<EditorState | undefined>(undefined);
  const [actionError, setActionError] = useState<AppError | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  // Beside a connection error that asks for the token: once it is stored, main connects again by itself.
  const headerFetch = useFetchToken(() => void reload());

  // Opened from another page to edit a profile: open its editor once, as if its Edit button had been pressed.
  const handledEdit = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!editRequest || handledEdit.current === editRequest.nonce) return;
    handledEdit.current = editRequest.nonce;
    openEditor(editRequest.profileId, editRequest.focus);
  }, [editRequest]);

  const reload = useCallback(async () => {
    setListing(await api.invoke('profiles:list'));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  // A fetch's outcome belongs beside the error it answered: once that error goes or another one shows, it goes too,
  // also when the error went while the fetch was still under way (main reconnects before the fetch returns).
  const shownError = live.status?.lastError?.message;
  const answeredError = useRef<string | undefined>(undefined);
  const { reset: resetHeaderFetch } = headerFetch;
  const fetchFinished = headerFetch.state.phase === 'done' || headerFetch.state.phase === 'failed';
  useEffect(() => {
    if (fetchFinished && shownError !== answeredError.current) resetHeaderFetch();
  }, [shownError, fetchFinished]);

  /** Runs a request that changes something, showing its error (or clearing the last one). */
  async function act<T>(request: Promise<Result<T>>, after?: (value: T) => void): Promise<void> {
    setBusy(true);
    setActionError(undefined);
    setNotice(undefined);
    const result = await request;
    setBusy(false);
    if (!result.ok) {
      setActionError(result.error);
      return;
    }
    after?.(result.value);
  }

  const acceptStatus = (status: ConnectionStatus) => live.accept(status);
  const connect = (profileId?: string) =>
    act(api.invoke('connection:connect', profileId === undefined ? {} : { profileId }), acceptStatus);
  const openEditor = (profileId: string | undefined, focus?: 'token') =>
    setEditor((current) => ({ profileId, ...(focus ? { focus } : {}), nonce: (current?.nonce ?? 0) + 1 }));

  if (!listing || (!live.status && !live.error)) return <Progress label="Loading your profiles…" />;
  if (!listing.ok) return <ErrorNotice error={listing.error} />;
  const { profiles, primaryId, withToken } = listing.value;
  const status = live.status;
  const editing = editor?.profileId === undefined ? undefined : profiles.find((p) => p.id === editor.profileId);
  const liveProfile = profiles.find((p) => p.id === status?.profileId);

  const saved = (profile: Profile, verb: string) => {
    setEditor(undefined);
    setNotice(`${verb} “${profile.name}”.`);
    void reload();
  };

  return (
    <section aria-labelledby="general-title" className="general" aria-busy={busy}>
      <h2 id="general-title">General</h2>
      {status ? (
        <StatusHeader
          status={status}
          canConnect={profiles.length > 0}
          busy={busy}
          onConnect={() => void connect(status.profileId ?? primaryId ?? undefined)}
          onDisconnect={() => void act(api.invoke('connection:disconnect'), acceptStatus)}
          onRetryNow={() => void act(api.invoke('connection:retry-now'), acceptStatus)}
          onEditProfile={(focus) => {
            if (status.profileId) openEditor(status.profileId, focus);
          }}
          onOpenSection={onOpenSection}
          {...(liveProfile && reachesHostOverSsh(liveProfile.route)
            ? {
                fetchToken: {
                  state: headerFetch.state,
                  run: () => {
                    answeredError.current = status.lastError?.message;
                    void headerFetch.fetchToken(liveProfile.id);
                  },
                },
              }
            : {})}
        />
      ) : live.error ? (
        <ErrorNotice error={live.error} />
      ) : null}
      {actionError ? <ErrorNotice error={actionError} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {profiles.length === 0 ? <ImportOffer onImported={(profile) => saved(profile, 'Imported')} /> : null}

      <div className="section-head">
        <h3>Profiles</h3>
        <button type="button" onClick={() => openEditor(undefined)}>
          Add profile…
        </button>
      </div>
      {profiles.length === 0 ? (
        <EmptyState message="No profiles yet — add one to connect this Mac to an OpenClaw Gateway.">
          <button type="button" className="primary" onClick={() => openEditor(undefined)}>
            Add a profile…
          </button>
        </EmptyState>
      ) : null}
      <ProfileList
        profiles={profiles}
        primaryId={primaryId}
        withToken={withToken}
        activeId={status && status.state !== 'idle' ? status.profileId : undefined}
        activeState={status?.state}
        busy={busy}
        onConnect={(id) => void connect(id)}
        onDisconnect={() => void act(api.invoke('connection:disconnect'), acceptStatus)}
        onRetryNow={() => void act(api.invoke('connection:retry-now'), acceptStatus)}
        onEdit={(id) => openEditor(id)}
        onMakePrimary={(id) => void act(api.invoke('profiles:set-primary', { id }), () => void reload())}
        onRemove={(id) =>
          void act(api.invoke('profiles:remove', { id }), () => {
            if (editor?.profileId === id) setEditor(undefined);
            void reload();
          })
        }
      />

      {editor && (editor.profileId === undefined || editing) ? (
        <ProfileEditor
          key={editor.nonce}
          profile={editing}
          tokenStored={editing !== undefined && withToken.includes(editing.id)}
          {...(editor.focus ? { focus: editor.focus } : {})}
          onSaved={(profile) => saved(profile, 'Saved')}
          onSavedInPlace={(profile) =>
            // The listing first: pointed at a profile not yet listed, the editor would close and lose its progress.
            void reload().then(() => setEditor((current) => current && { ...current, profileId: profile.id }))
          }
          onCancel={() => setEditor(undefined)}
        />
      ) : null}
    </section>
  );
}
