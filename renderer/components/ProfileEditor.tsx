// Adds or edits a profile, in a sheet: the route (Remote over SSH · Tailscale · Direct URL, each with when to choose
// it), its fields with the ws:// warning, the Gateway token (never shown, never prefilled, or fetched from the host over
// SSH), and whether to point the OpenClaw CLI on this Mac at it. Each field says what is wrong with it beside itself as
// the person types (once they left it, or tried to save), by the contract's own schema; main's refusals land on the
// same fields, and everything typed is kept.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError, FieldProblem } from '../../electron/shared/errors';
import { networkScopeOf } from '../../electron/shared/network-scope';
import type { Profile, Route } from '../../electron/shared/profile';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { FetchTokenOutcome, useFetchToken } from './FetchFromHost';
import { fieldProblemsOf, problemsByField, profileSaveProblems, type ProfileSaveInput } from './field-problems';
import { Check, Field, Segmented } from './form-fields';
import { Progress } from './Progress';
import { Sheet } from './Sheet';
import { TailnetDeviceField, useTailnetDevices, type ChosenDevice } from './TailnetDeviceField';
import { useRequest } from './use-request';
import {
  DEFAULT_LOCAL_PORT,
  DEFAULT_REMOTE_PORT,
  insecureUrlWarning,
  parseGatewayUrl,
} from '../../electron/shared/gateway-url';

export type RouteKind = 'ssh' | 'tailscale' | 'direct';
type Kind = RouteKind;

/** The route picker, in the order OpenClaw's docs compare them, each with when to choose it. */
const ROUTE_CHOICES: readonly { value: Kind; label: string; when: string }[] = [
  {
    value: 'ssh',
    label: 'Remote over SSH',
    when: 'For a single host you can sign in to: the Gateway stays on its loopback, reached through an SSH tunnel.',
  },
  {
    value: 'tailscale',
    label: 'Tailscale',
    when: 'The easiest and most isolated: the Gateway is reached inside your tailnet, never from the internet.',
  },
  {
    value: 'direct',
    label: 'Direct URL',
    when: 'Only inside a network you trust, or over wss:// with a valid certificate.',
  },
];

interface SshFields {
  target: string;
  sshPort: string;
  identityFile: string;
  localPort: string;
  remotePort: string;
  useEphemeralPortIfBusy: boolean;
  allowPassword: boolean;
  keepaliveIntervalSeconds: string;
  keepaliveCountMax: string;
}

interface Draft {
  name: string;
  kind: Kind;
  ssh: SshFields;
  url: string;
  tlsFingerprint: string;
  acceptInsecure: boolean;
  /** For the Tailscale route: the device ('' until chosen), and whether its Gateway is reached by URL or over SSH. */
  tailscale: { deviceId: string; deviceName: string; via: 'url' | 'ssh'; hostKeys: string[] };
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
  keepaliveIntervalSeconds: '',
  keepaliveCountMax: '',
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
    keepaliveIntervalSeconds:
      route.keepaliveIntervalSeconds === undefined ? '' : String(route.keepaliveIntervalSeconds),
    keepaliveCountMax: route.keepaliveCountMax === undefined ? '' : String(route.keepaliveCountMax),
  };
}

const noDevice: Draft['tailscale'] = { deviceId: '', deviceName: '', via: 'ssh', hostKeys: [] };

function draftOf(profile: Profile | undefined, kind: Kind): Draft {
  const draft: Draft = {
    name: profile?.name ?? '',
    kind,
    ssh: emptySsh,
    url: '',
    tlsFingerprint: '',
    acceptInsecure: false,
    tailscale: noDevice,
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
  const keepaliveIntervalSeconds = numberOf(fields.keepaliveIntervalSeconds);
  const keepaliveCountMax = numberOf(fields.keepaliveCountMax);
  return {
    target: fields.target.trim(),
    ...(sshPort === undefined ? {} : { sshPort }),
    ...(fields.identityFile.trim() === '' ? {} : { identityFile: fields.identityFile.trim() }),
    ...(localPort === undefined ? {} : { localPort }),
    ...(remotePort === undefined ? {} : { remotePort }),
    useEphemeralPortIfBusy: fields.useEphemeralPortIfBusy,
    allowPassword: fields.allowPassword,
    ...(keepaliveIntervalSeconds === undefined ? {} : { keepaliveIntervalSeconds }),
    ...(keepaliveCountMax === undefined ? {} : { keepaliveCountMax }),
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
  const device = draft.tailscale;
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
  /** A new profile's route, as the picker first shows it (the Tailscale page's "Add a device by name" asks for Tailscale). */
  initialKind?: Kind;
  tokenStored: boolean;
  /** Put the cursor in the token field (the connection said the token is what is wrong). */
  focus?: 'token';
  onSaved: (profile: Profile) => void;
  /** Saved while the editor stays open: before Fetch from host, and again once it stored the token and port. */
  onSavedInPlace: (profile: Profile) => void;
  onCancel: () => void;
}

/** The dotted paths of the fields the form shows for `draft`, as profiles:save names them. */
function shownFieldPaths(draft: Draft): string[] {
  const paths = ['name', 'token'];
  const ssh = draft.kind === 'ssh' ? 'route.' : 'route.via.';
  if (draft.kind === 'tailscale') paths.push('route.deviceId', 'route.deviceName');
  if (draft.kind === 'ssh' || (draft.kind === 'tailscale' && draft.tailscale.via === 'ssh')) {
    const fields = ['target', 'sshPort', 'identityFile', 'localPort', 'remotePort'];
    paths.push(...[...fields, 'keepaliveIntervalSeconds', 'keepaliveCountMax'].map((field) => ssh + field));
  }
  if (draft.kind === 'direct') paths.push('route.url', 'route.tlsFingerprint');
  if (draft.kind === 'tailscale' && draft.tailscale.via === 'url') paths.push('route.via.url');
  return paths;
}

/** `user@` of an SSH target, kept when the host changes under it. */
function userPartOf(target: string): string {
  const at = target.lastIndexOf('@');
  return at === -1 ? '' : target.slice(0, at + 1);
}

/** The URL a Gateway on a tailnet device answers at when nothing else is known (gateway.bind "tailnet"). */
function tailnetUrlOf(host: string): string {
  return host === '' ? '' : `ws://${host.includes(':') ? `[${host}]` : host}:${DEFAULT_REMOTE_PORT}`;
}

export function ProfileEditor(props: ProfileEditorProps) {
  const { profile, focus, onSaved, onSavedInPlace, onCancel } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile, props.initialKind ?? 'ssh'));
  /** A refusal that belongs to the whole form (main's own checks, a failed write). */
  const [error, setError] = useState<AppError | undefined>(undefined);
  /** Each refused field's sentence at the last Save, from the shared schema before sending or from main's refusal. */
  const [submitProblems, setSubmitProblems] = useState<FieldProblem[]>([]);
  const [submitted, setSubmitted] = useState(false);
  /** Fields the person changed and then left: their problems show as they type from then on. */
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  /** Fields changed since the last Save: what is shown for them is the schema's view of what they hold now. */
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  /** The saved profile's ID: the one being edited, or the one Fetch from host saved a new profile as. */
  const [savedId, setSavedId] = useState(profile?.id);
  const devices = useTailnetDevices(draft.kind === 'tailscale');
  // Only the app has the Mac's open panel; in a browser the path is typed.
  const info = useRequest('app:info');
  const canChooseFile = info?.ok === true && info.value.host === 'electron';
  const tokenFetch = useFetchToken((fetched) => {
    setDraft((current) => ({
      ...current,
      clearToken: false,
      ssh: { ...current.ssh, remotePort: String(fetched.port) },
    }));
    if (tokenRef.current) tokenRef.current.value = '';
    onSavedInPlace(fetched.profile);
  });
  // The token is never React state: an uncontrolled field keeps it out of the DOM's attributes and the state tree.
  const tokenRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const tokenStored =
    props.tokenStored ||
    (tokenFetch.state.phase === 'done' && tokenFetch.state.fetched.tokenStored && !draft.clearToken);

  useEffect(() => {
    if (focus === 'token') tokenRef.current?.focus();
  }, [focus, profile?.id]);

  // As a Mac form does: after Save, the cursor goes to the first field that needs correcting.
  useEffect(() => {
    if (submitProblems.length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submitProblems]);

  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  async function chooseIdentityFile() {
    const chosen = await api.invoke('profiles:choose-identity-file');
    if (!chosen.ok) setError(chosen.error);
    else if (chosen.value.path !== null) setSsh({ identityFile: chosen.value.path });
  }
  const setSsh = (changes: Partial<SshFields>) =>
    setDraft((current) => ({ ...current, ssh: { ...current.ssh, ...changes } }));

  function chooseDevice(device: ChosenDevice) {
    setDraft((current) => {
      const autoUrl = tailnetUrlOf(current.tailscale.deviceId);
      const url =
        device.gatewayUrl ?? (current.url === '' || current.url === autoUrl ? tailnetUrlOf(device.host) : current.url);
      return {
        ...current,
        tailscale: {
          deviceId: device.deviceId,
          deviceName: device.deviceName,
          hostKeys: device.hostKeys,
          // A device found serving a Gateway is reached at it; otherwise as the person chose.
          via: device.gatewayUrl ? 'url' : device.listed ? 'ssh' : current.tailscale.via,
        },
        url,
        ssh:
          device.host === '' ? current.ssh : { ...current.ssh, target: userPartOf(current.ssh.target) + device.host },
      };
    });
  }

  /** Checks `input` with the shared schema, then saves it; the saved profile, or undefined once the refusal shows. */
  async function checkAndSave(input: ProfileSaveInput): Promise<Profile | undefined> {
    setError(undefined);
    setSubmitted(true);
    setEdited(new Set());
    const found = profileSaveProblems(input);
    setSubmitProblems(found);
    if (found.length > 0) return undefined;
    setSaving(true);
    const result = await api.invoke('profiles:save', input);
    setSaving(false);
    if (result.ok) return result.value;
    const refusedFields = fieldProblemsOf(result.error);
    if (refusedFields) setSubmitProblems(refusedFields);
    else setError(result.error);
    return undefined;
  }

  function inputOf(token: { token: string } | { clearToken: true } | Record<string, never>): ProfileSaveInput {
    return {
      ...(savedId === undefined ? {} : { id: savedId }),
      name: draft.name.trim(),
      route: routeOf(draft),
      configureOpenclaw: draft.configureOpenclaw,
      ...token,
    };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const token = tokenRef.current?.value.trim() ?? '';
    const saved = await checkAndSave(inputOf(token !== '' ? { token } : draft.clearToken ? { clearToken: true } : {}));
    if (!saved) return;
    if (tokenRef.current) tokenRef.current.value = '';
    onSaved(saved);
  }

  /** Saves the form as shown (so the host signed in to is the one on screen), then fetches its token. */
  async function fetchFromHost() {
    tokenFetch.reset();
    const saved = await checkAndSave(inputOf({}));
    if (!saved) return;
    setSavedId(saved.id);
    onSavedInPlace(saved);
    await tokenFetch.fetchToken(saved.id);
  }

  // What each field shows: after Save, what Save found, until the field is changed; a changed field, or one left after
  // a change, shows what the schema finds in it now, as the person types.
  const shownPaths = shownFieldPaths(draft);
  const live = profileSaveProblems(inputOf({}));
  const shownProblems = shownPaths.flatMap((path) => {
    const from = submitted && !edited.has(path) ? submitProblems : submitted || left.has(path) ? live : [];
    return from.filter((problem) => problem.path === path);
  });
  const elsewhere = submitted ? submitProblems.filter((problem) => !shownPaths.includes(problem.path)) : [];
  const byField = problemsByField([...shownProblems, ...elsewhere], shownPaths);
  /** The change and leave handlers of the field at `path`. */
  const tracked = (path: string) => ({
    onEdit: () => setEdited((paths) => (paths.has(path) ? paths : new Set(paths).add(path))),
    onLeave: () => {
      if (edited.has(path) || submitted) setLeft((paths) => (paths.has(path) ? paths : new Set(paths).add(path)));
    },
  });

  const sshPath = draft.kind === 'ssh' ? 'route.' : 'route.via.';
  const urlPath = draft.kind === 'direct' ? 'route.url' : 'route.via.url';
  const urlWarning = draft.kind === 'ssh' ? undefined : publicHostWarning(draft.url);
  const showSsh = draft.kind === 'ssh' || (draft.kind === 'tailscale' && draft.tailscale.via === 'ssh');
  const showUrl = draft.kind === 'direct' || (draft.kind === 'tailscale' && draft.tailscale.via === 'url');
  const title = profile ? `Edit “${profile.name}”` : 'Add a profile';
  const routeChoice = ROUTE_CHOICES.find((choice) => choice.value === draft.kind) ?? ROUTE_CHOICES[0]!;
  const deviceProblems = byField.at('route.deviceId');

  return (
    <Sheet title={title} onCancel={onCancel} onConfirm={() => formRef.current?.requestSubmit()} busy={saving} wide>
      <form
        ref={formRef}
        className="editor"
        aria-label="Profile editor"
        noValidate
        onSubmit={(event) => void save(event)}
      >
        <div className="sheet-body">
          {error ? (
            <div className="editor-error" data-testid="save-error">
              <ErrorNotice error={error} />
            </div>
          ) : null}
          {submitted && (byField.fieldsRefused > 0 || byField.elsewhere.length > 0) ? (
            <RefusedFieldsNotice refused={byField.fieldsRefused} elsewhere={byField.elsewhere} />
          ) : null}
          <div className="form-group">
            <Field label="Name" id={`${id}-name`} problems={byField.at('name')} {...tracked('name')}>
              <input
                id={`${id}-name`}
                type="text"
                value={draft.name}
                placeholder="Home server"
                onChange={(event) => set({ name: event.target.value })}
              />
            </Field>
          </div>

          <div className="route-picker">
            <Segmented
              legend="Connect"
              name={`${id}-kind`}
              options={ROUTE_CHOICES}
              value={draft.kind}
              onChange={(kind) => set({ kind })}
              describedBy={`${id}-route-when`}
            />
            <p className="help route-when" id={`${id}-route-when`}>
              {routeChoice.when}
            </p>
          </div>

          {draft.kind === 'tailscale' ? (
            <div className="form-group">
              <TailnetDeviceField
                id={`${id}-device`}
                devices={devices}
                deviceId={draft.tailscale.deviceId}
                onChoose={chooseDevice}
                problems={deviceProblems.length > 0 ? deviceProblems : byField.at('route.deviceName')}
                {...tracked('route.deviceId')}
              />
              <div className="field">
                {/* Shown as a label; the group's legend is what is read out. */}
                <span className="field-label" aria-hidden="true">
                  Reach its Gateway
                </span>
                <Segmented
                  legend="Reach its Gateway"
                  name={`${id}-via`}
                  options={[
                    { value: 'ssh', label: 'Over SSH' },
                    { value: 'url', label: 'By its Gateway URL' },
                  ]}
                  value={draft.tailscale.via}
                  onChange={(via) =>
                    setDraft((current) => ({
                      ...current,
                      tailscale: { ...current.tailscale, via },
                      url: current.url === '' ? tailnetUrlOf(current.tailscale.deviceId) : current.url,
                    }))
                  }
                />
              </div>
            </div>
          ) : null}

          {showSsh ? (
            <div className="form-group">
              <Field
                label="SSH target"
                id={`${id}-target`}
                problems={byField.at(`${sshPath}target`)}
                help="user@host[:port], or a Host alias from ~/.ssh/config."
                {...tracked(`${sshPath}target`)}
              >
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
              <Field
                label="SSH port"
                id={`${id}-ssh-port`}
                problems={byField.at(`${sshPath}sshPort`)}
                help="Leave empty for the target’s or ~/.ssh/config’s port."
                {...tracked(`${sshPath}sshPort`)}
              >
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
                problems={byField.at(`${sshPath}identityFile`)}
                help="Leave empty to use the SSH agent and your usual keys."
                {...tracked(`${sshPath}identityFile`)}
                after={
                  canChooseFile ? (
                    <button type="button" onClick={() => void chooseIdentityFile()}>
                      Choose…
                    </button>
                  ) : undefined
                }
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
              <Field
                label="Local port"
                id={`${id}-local-port`}
                problems={byField.at(`${sshPath}localPort`)}
                help="The port on this Mac; 0 picks any free port."
                {...tracked(`${sshPath}localPort`)}
              >
                <input
                  id={`${id}-local-port`}
                  type="text"
                  inputMode="numeric"
                  value={draft.ssh.localPort}
                  onChange={(event) => setSsh({ localPort: event.target.value })}
                />
              </Field>
              <Field
                label="Remote Gateway port"
                id={`${id}-remote-port`}
                problems={byField.at(`${sshPath}remotePort`)}
                help="gateway.port on the host (usually 18789)."
                {...tracked(`${sshPath}remotePort`)}
              >
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
              <details className="advanced">
                <summary>Advanced: keepalive</summary>
                <Field
                  label="Keepalive interval (seconds)"
                  id={`${id}-keepalive-interval`}
                  problems={byField.at(`${sshPath}keepaliveIntervalSeconds`)}
                  help="How often to check the link (ServerAliveInterval). Empty: ~/.ssh/config’s, else 15."
                  {...tracked(`${sshPath}keepaliveIntervalSeconds`)}
                >
                  <input
                    id={`${id}-keepalive-interval`}
                    type="text"
                    inputMode="numeric"
                    value={draft.ssh.keepaliveIntervalSeconds}
                    placeholder="15"
                    onChange={(event) => setSsh({ keepaliveIntervalSeconds: event.target.value })}
                  />
                </Field>
                <Field
                  label="Missed keepalives allowed"
                  id={`${id}-keepalive-count`}
                  problems={byField.at(`${sshPath}keepaliveCountMax`)}
                  help="Unanswered checks before the link counts as dead (ServerAliveCountMax). Empty: ~/.ssh/config’s, else 3."
                  {...tracked(`${sshPath}keepaliveCountMax`)}
                >
                  <input
                    id={`${id}-keepalive-count`}
                    type="text"
                    inputMode="numeric"
                    value={draft.ssh.keepaliveCountMax}
                    placeholder="3"
                    onChange={(event) => setSsh({ keepaliveCountMax: event.target.value })}
                  />
                </Field>
              </details>
            </div>
          ) : null}

          {showUrl ? (
            <div className="form-group">
              <Field
                label="Gateway URL"
                id={`${id}-url`}
                // The warning below already says why ws:// to a public host is refused; the field only points at it.
                problems={byField.at(urlPath).filter((sentence) => sentence !== urlWarning)}
                invalid={byField.at(urlPath).length > 0}
                {...(urlWarning ? { describedBy: `${id}-url-warning` } : {})}
                {...tracked(urlPath)}
              >
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
                  problems={byField.at('route.tlsFingerprint')}
                  help="Optional, for wss:// with a self-signed certificate: sha256: and 64 hex digits."
                  {...tracked('route.tlsFingerprint')}
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
                <div className="warning" role="alert" id={`${id}-url-warning`}>
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
                Use wss:// for public hosts; ws:// is allowed for localhost, LAN, .local, and Tailnet hosts. Tailscale
                Serve provides a valid HTTPS certificate.
              </p>
            </div>
          ) : null}

          <div className="form-group">
            <Field
              label="Gateway token"
              id={`${id}-token`}
              problems={byField.at('token')}
              help={
                tokenStored
                  ? 'A token is stored; leave empty to keep it.'
                  : 'gateway.auth.token in the Gateway host’s ~/.openclaw/openclaw.json.'
              }
              after={
                showSsh ? (
                  <div className="fetch-from-host">
                    <button
                      type="button"
                      aria-describedby={`${id}-fetch-help`}
                      disabled={saving || tokenFetch.state.phase === 'fetching'}
                      onClick={() => void fetchFromHost()}
                    >
                      Fetch from host
                    </button>
                    <p className="help" id={`${id}-fetch-help`}>
                      Saves this profile, signs in over SSH and stores the token from the host’s OpenClaw config.
                    </p>
                    <FetchTokenOutcome state={tokenFetch.state} />
                  </div>
                ) : null
              }
              {...tracked('token')}
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
          </div>
        </div>
        <div className="form-buttons sheet-buttons">
          {saving ? <Progress label="Saving…" className="inline" /> : null}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </Sheet>
  );
}

/** Above the form after a refusal: that nothing was saved, how many fields say why, and what no field shows. */
/** `refused`: how many fields the form marks. */
function RefusedFieldsNotice({ refused, elsewhere }: { refused: number; elsewhere: FieldProblem[] }) {
  const count = refused === 1 ? 'one field needs' : `${refused} fields need`;
  return (
    <div className="error-notice editor-error" role="alert" data-testid="save-error">
      <p className="error-message">
        {refused > 0 ? `Nothing was saved: ${count} correcting, as marked below.` : 'Nothing was saved.'}
      </p>
      {elsewhere.map((problem) => (
        <p key={`${problem.path}:${problem.message}`} className="error-hint">
          {problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`}
        </p>
      ))}
    </div>
  );
}
