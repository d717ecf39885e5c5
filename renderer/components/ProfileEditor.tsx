// Adds or edits a profile: the route ("Remote over SSH", "Direct URL", or the Tailscale device it was made for),
// its fields with the ws:// warning as the person types, the Gateway token (never shown, never prefilled), and
// whether to point the OpenClaw CLI on this Mac at it. What main refuses is shown beside the form, which keeps
// everything typed.
import { cloneElement, useEffect, useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { AppError } from '../../electron/shared/errors';
import { networkScopeOf } from '../../electron/shared/network-scope';
import type { Profile, Route } from '../../electron/shared/profile';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';
import {
  DEFAULT_LOCAL_PORT,
  DEFAULT_REMOTE_PORT,
  insecureUrlWarning,
  parseGatewayUrl,
} from '../../electron/shared/gateway-url';

type Kind = 'ssh' | 'direct' | 'tailscale';

interface SshFields {
  target: string;
  sshPort: string;
  identityFile: string;
  localPort: string;
  remotePort: string;
  useEphemeralPortIfBusy: boolean;
  allowPassword: boolean;
}

interface Draft {
  name: string;
  kind: Kind;
  ssh: SshFields;
  url: string;
  tlsFingerprint: string;
  acceptInsecure: boolean;
  /** Tailscale profiles only: the device, and whether the Gateway is reached by URL or over SSH. */
  tailscale?: { deviceId: string; deviceName: string; via: 'url' | 'ssh'; hostKeys: string[] };
  configureOpenclaw: boolean;
  clearToken: boolean;
}

const emptySsh: SshFields = {
  target: '',
  sshPort: '',
  identityFile: '',
  localPort: String(DEFAULT_LOCAL_PORT),
  remotePort: String(DEFAULT_REMOTE_PORT),
  useEphemeralPortIfBusy: false,
  allowPassword: false,
};

function sshFieldsOf(route: Omit<Extract<Route, { kind: 'ssh' }>, 'kind'>): SshFields {
  return {
    target: route.target,
    sshPort: route.sshPort === undefined ? '' : String(route.sshPort),
    identityFile: route.identityFile ?? '',
    localPort: String(route.localPort),
    remotePort: String(route.remotePort),
    useEphemeralPortIfBusy: route.useEphemeralPortIfBusy,
    allowPassword: route.allowPassword,
  };
}

function draftOf(profile: Profile | undefined): Draft {
  const draft: Draft = {
    name: profile?.name ?? '',
    kind: 'ssh',
    ssh: emptySsh,
    url: '',
    tlsFingerprint: '',
    acceptInsecure: false,
    configureOpenclaw: profile?.configureOpenclaw ?? false,
    clearToken: false,
  };
  const route = profile?.route;
  if (!route) return draft;
  switch (route.kind) {
    case 'ssh':
      return { ...draft, kind: 'ssh', ssh: sshFieldsOf(route) };
    case 'direct':
      return {
        ...draft,
        kind: 'direct',
        url: route.url,
        tlsFingerprint: route.tlsFingerprint ?? '',
        acceptInsecure: route.acceptInsecure,
      };
    case 'tailscale': {
      const { via } = route;
      const device = { deviceId: route.deviceId, deviceName: route.deviceName };
      return via.kind === 'url'
        ? { ...draft, kind: 'tailscale', url: via.url, tailscale: { ...device, via: 'url', hostKeys: [] } }
        : {
            ...draft,
            kind: 'tailscale',
            ssh: sshFieldsOf(via),
            tailscale: { ...device, via: 'ssh', hostKeys: via.hostKeys },
          };
    }
  }
}

/** A number field as typed: empty is "not set", anything else goes to main as a number (NaN as null) to be checked. */
function numberOf(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function sshRouteOf(fields: SshFields) {
  const sshPort = numberOf(fields.sshPort);
  const localPort = numberOf(fields.localPort);
  const remotePort = numberOf(fields.remotePort);
  return {
    target: fields.target.trim(),
    ...(sshPort === undefined ? {} : { sshPort }),
    ...(fields.identityFile.trim() === '' ? {} : { identityFile: fields.identityFile.trim() }),
    ...(localPort === undefined ? {} : { localPort }),
    ...(remotePort === undefined ? {} : { remotePort }),
    useEphemeralPortIfBusy: fields.useEphemeralPortIfBusy,
    allowPassword: fields.allowPassword,
  };
}

/** The ws:// warning for `url` when it goes to a public host in the clear, else undefined. */
export function publicHostWarning(url: string): string | undefined {
  const parsed = parseGatewayUrl(url.trim());
  if (!parsed || parsed.secure || networkScopeOf(parsed.host) !== 'public') return undefined;
  return insecureUrlWarning(parsed.host);
}

function routeOf(draft: Draft): Route {
  // Numbers may be NaN, which JSON sends as null for main to refuse with its own sentence; the cast says that the
  // shape, not every value, is the Route's.
  if (draft.kind === 'ssh') return { kind: 'ssh', ...sshRouteOf(draft.ssh) } as Route;
  if (draft.kind === 'direct') {
    const url = draft.url.trim();
    return {
      kind: 'direct',
      url,
      ...(draft.tlsFingerprint.trim() === '' ? {} : { tlsFingerprint: draft.tlsFingerprint.trim() }),
      acceptInsecure: draft.acceptInsecure && publicHostWarning(url) !== undefined,
    };
  }
  const device = draft.tailscale!;
  return {
    kind: 'tailscale',
    deviceId: device.deviceId,
    deviceName: device.deviceName,
    via:
      device.via === 'url'
        ? { kind: 'url', url: draft.url.trim() }
        : ({ kind: 'ssh', ...sshRouteOf(draft.ssh), hostKeys: device.hostKeys } as Extract<
            Extract<Route, { kind: 'tailscale' }>['via'],
            { kind: 'ssh' }
          >),
  };
}

export interface ProfileEditorProps {
  /** undefined: a new profile. */
  profile: Profile | undefined;
  tokenStored: boolean;
  /** Put the cursor in the token field (the connection said the token is what is wrong). */
  focus?: 'token';
  onSaved: (profile: Profile) => void;
  onCancel: () => void;
}

export function ProfileEditor({ profile, tokenStored, focus, onSaved, onCancel }: ProfileEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [error, setError] = useState<AppError | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // The token is never React state: an uncontrolled field keeps it out of the DOM's attributes and the state tree.
  const tokenRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();

  useEffect(() => {
    if (focus === 'token') {
      tokenRef.current?.focus();
      tokenRef.current?.scrollIntoView({ block: 'center' });
    } else {
      formRef.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [focus, profile?.id]);

  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setSsh = (changes: Partial<SshFields>) =>
    setDraft((current) => ({ ...current, ssh: { ...current.ssh, ...changes } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    const token = tokenRef.current?.value.trim() ?? '';
    const result = await api.invoke('profiles:save', {
      ...(profile ? { id: profile.id } : {}),
      name: draft.name.trim(),
      route: routeOf(draft),
      configureOpenclaw: draft.configureOpenclaw,
      ...(token !== '' ? { token } : draft.clearToken ? { clearToken: true } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (tokenRef.current) tokenRef.current.value = '';
    onSaved(result.value);
  }

  const urlWarning = draft.kind === 'ssh' ? undefined : publicHostWarning(draft.url);
  const showSsh = draft.kind === 'ssh' || (draft.kind === 'tailscale' && draft.tailscale?.via === 'ssh');
  const showUrl = draft.kind === 'direct' || (draft.kind === 'tailscale' && draft.tailscale?.via === 'url');
  const title = profile ? `Edit “${profile.name}”` : 'Add a profile';

  return (
    <form
      ref={formRef}
      className="editor"
      aria-label="Profile editor"
      noValidate
      onSubmit={(event) => void save(event)}
    >
      <h3>{title}</h3>
      {error ? (
        <div className="editor-error" data-testid="save-error">
          <ErrorNotice error={error} />
        </div>
      ) : null}
      <Field label="Name" id={`${id}-name`}>
        <input
          id={`${id}-name`}
          type="text"
          value={draft.name}
          placeholder="Home server"
          onChange={(event) => set({ name: event.target.value })}
        />
      </Field>

      {draft.kind === 'tailscale' ? (
        <p className="muted">
          Tailscale device <strong>{draft.tailscale?.deviceName}</strong>, reached{' '}
          {draft.tailscale?.via === 'url' ? 'by its Gateway URL' : 'over SSH'}. Make a new one from the Tailscale
          section.
        </p>
      ) : (
        <fieldset className="segmented">
          <legend>Connect</legend>
          {(
            [
              ['ssh', 'Remote over SSH'],
              ['direct', 'Direct URL'],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind} className={draft.kind === kind ? 'segment selected' : 'segment'}>
              <input
                type="radio"
                name={`${id}-kind`}
                value={kind}
                checked={draft.kind === kind}
                onChange={() => set({ kind })}
              />
              {label}
            </label>
          ))}
        </fieldset>
      )}

      {showSsh ? (
        <>
          <Field label="SSH target" id={`${id}-target`} help="user@host[:port], or a Host alias from ~/.ssh/config.">
            <input
              id={`${id}-target`}
              type="text"
              value={draft.ssh.target}
              placeholder="alice@gateway-host"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(event) => setSsh({ target: event.target.value })}
            />
          </Field>
          <Field label="SSH port" id={`${id}-ssh-port`} help="Leave empty for the target’s or ~/.ssh/config’s port.">
            <input
              id={`${id}-ssh-port`}
              type="text"
              inputMode="numeric"
              value={draft.ssh.sshPort}
              placeholder="22"
              onChange={(event) => setSsh({ sshPort: event.target.value })}
            />
          </Field>
          <Field
            label="Identity file"
            id={`${id}-identity`}
            help="Leave empty to use the SSH agent and your usual keys."
          >
            <input
              id={`${id}-identity`}
              type="text"
              value={draft.ssh.identityFile}
              placeholder="~/.ssh/id_ed25519"
              spellCheck={false}
              onChange={(event) => setSsh({ identityFile: event.target.value })}
            />
          </Field>
          <Field label="Local port" id={`${id}-local-port`} help="The port on this Mac; 0 picks any free port.">
            <input
              id={`${id}-local-port`}
              type="text"
              inputMode="numeric"
              value={draft.ssh.localPort}
              onChange={(event) => setSsh({ localPort: event.target.value })}
            />
          </Field>
          <Field label="Remote Gateway port" id={`${id}-remote-port`} help="gateway.port on the host (usually 18789).">
            <input
              id={`${id}-remote-port`}
              type="text"
              inputMode="numeric"
              value={draft.ssh.remotePort}
              onChange={(event) => setSsh({ remotePort: event.target.value })}
            />
          </Field>
          <Check
            label="If the local port is taken, use any free port"
            checked={draft.ssh.useEphemeralPortIfBusy}
            onChange={(checked) => setSsh({ useEphemeralPortIfBusy: checked })}
          />
          <Check
            label="Allow password sign-in"
            checked={draft.ssh.allowPassword}
            onChange={(checked) => setSsh({ allowPassword: checked })}
          />
        </>
      ) : null}

      {showUrl ? (
        <>
          <Field label="Gateway URL" id={`${id}-url`}>
            <input
              id={`${id}-url`}
              type="text"
              value={draft.url}
              placeholder="wss://gateway.example.ts.net"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(event) => set({ url: event.target.value })}
            />
          </Field>
          {draft.kind === 'direct' ? (
            <Field
              label="TLS certificate pin"
              id={`${id}-pin`}
              help="Optional, for wss:// with a self-signed certificate: sha256: and 64 hex digits."
            >
              <input
                id={`${id}-pin`}
                type="text"
                value={draft.tlsFingerprint}
                placeholder="sha256:…"
                spellCheck={false}
                onChange={(event) => set({ tlsFingerprint: event.target.value })}
              />
            </Field>
          ) : null}
          {urlWarning ? (
            <div className="warning" role="alert">
              <p>{urlWarning}</p>
              {draft.kind === 'direct' ? (
                <Check
                  label="I understand the risk"
                  checked={draft.acceptInsecure}
                  onChange={(checked) => set({ acceptInsecure: checked })}
                />
              ) : null}
            </div>
          ) : null}
          <p className="muted footnote">
            Use wss:// for public hosts; ws:// is allowed for localhost, LAN, .local, and Tailnet hosts. Tailscale Serve
            provides a valid HTTPS certificate.
          </p>
        </>
      ) : null}

      <Field
        label="Gateway token"
        id={`${id}-token`}
        help={
          tokenStored
            ? 'A token is stored; leave empty to keep it.'
            : 'gateway.auth.token in the Gateway host’s ~/.openclaw/openclaw.json.'
        }
      >
        <input
          id={`${id}-token`}
          ref={tokenRef}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={tokenStored ? '(stored)' : ''}
        />
      </Field>
      {tokenStored ? (
        <Check
          label="Forget stored token"
          checked={draft.clearToken}
          onChange={(checked) => set({ clearToken: checked })}
        />
      ) : null}
      <Check
        label="Also set up the OpenClaw CLI on this Mac"
        help="Points ~/.openclaw/openclaw.json’s gateway.remote at this profile."
        checked={draft.configureOpenclaw}
        onChange={(checked) => set({ configureOpenclaw: checked })}
      />
      <div className="form-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function Field(props: {
  label: string;
  id: string;
  help?: string;
  children: ReactElement<{ 'aria-describedby'?: string }>;
}) {
  const { label, id, help, children } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-input">
        {help ? cloneElement(children, { 'aria-describedby': `${id}-help` }) : children}
        {help ? (
          <p className="help" id={`${id}-help`}>
            {help}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function Check(props: { label: string; help?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="field check">
      <label>
        <input type="checkbox" checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />
        {props.label}
      </label>
      {props.help ? <p className="help">{props.help}</p> : null}
    </div>
  );
}
