// Every error kind of the app, assembled from the area tables: the union `appError` accepts and the one lookup of
// the action that fixes a kind. The renderer and the CLI read the same table the services write against.
import type { ErrorKindEntry, FixAction } from '../error-actions';
import { APP_ERRORS, type AppPlumbingErrorKind } from './app-errors';
import { CONNECTION_ERRORS, type ConnectionErrorKind } from './connection-errors';
import { GATEWAY_ERRORS, type GatewayErrorKind } from './gateway-errors';
import { OPENCLAW_CONFIG_ERRORS, type OpenclawConfigErrorKind } from './openclaw-config-errors';
import { SSH_ERRORS, type SshErrorKind } from './ssh-errors';
import { STORE_ERRORS, type StoreErrorKind } from './store-errors';
import { TAILSCALE_ERRORS, type TailscaleErrorKind } from './tailscale-errors';

export type AppErrorKind =
  | SshErrorKind
  | GatewayErrorKind
  | TailscaleErrorKind
  | StoreErrorKind
  | OpenclawConfigErrorKind
  | ConnectionErrorKind
  | AppPlumbingErrorKind;

/** Each area's table by its name, for the test that walks them all. */
export const ERROR_TABLES = {
  ssh: SSH_ERRORS,
  gateway: GATEWAY_ERRORS,
  tailscale: TAILSCALE_ERRORS,
  store: STORE_ERRORS,
  'openclaw-config': OPENCLAW_CONFIG_ERRORS,
  connection: CONNECTION_ERRORS,
  app: APP_ERRORS,
} as const satisfies Record<string, Record<string, ErrorKindEntry>>;

const ENTRIES: ReadonlyMap<string, ErrorKindEntry> = new Map(
  Object.values(ERROR_TABLES).flatMap((table) => Object.entries(table) as [string, ErrorKindEntry][]),
);

/** The action that fixes a kind, if a person can. Takes any string: kinds arrive over the wire as text. */
export function fixActionOf(kind: string): FixAction | undefined {
  return ENTRIES.get(kind)?.action;
}
