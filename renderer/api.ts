// The one Api the UI uses: the preload's `window.api` inside Electron, else the browser host's bridge.
// UI code imports `api` from here and cannot tell which transport it is talking over.
import type { Api } from '../electron/shared/contract';
import { BRIDGE_SECRET_PARAM } from '../electron/shared/bridge-protocol';
import { appError, failure } from '../electron/shared/errors';
import { createBridgeApi } from './bridge';

function pickApi(): Api {
  if (window.api) return window.api;
  const pageUrl = new URL(window.location.href);
  if (new URLSearchParams(pageUrl.hash.slice(1)).has(BRIDGE_SECRET_PARAM)) return createBridgeApi(pageUrl);
  const unreachable = failure(
    appError(
      'no-host',
      'This page is not connected to OpenClaw Remote.',
      'Open it from the app, or run `npm run web` and open the address it prints.',
    ),
  );
  return { invoke: async () => unreachable, on: () => () => {} };
}

export const api: Api = pickApi();
