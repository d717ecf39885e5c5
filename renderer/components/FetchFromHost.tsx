// Fetch from host as the window runs it, in the profile editor and beside a connection error alike: the request, the
// progress while the host's OpenClaw config is read, and the sentence for what came back. The token is stored by
// main and never reaches the window.
import { useState } from 'react';
import type { RequestResult } from '../../electron/shared/contract';
import type { AppError } from '../../electron/shared/errors';
import type { Route } from '../../electron/shared/profile';
import { api } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Progress } from './Progress';

export type FetchedGateway = RequestResult<'profiles:fetch-token'>;

export type FetchTokenState =
  | { phase: 'idle' }
  | { phase: 'fetching' }
  | { phase: 'done'; fetched: FetchedGateway }
  | { phase: 'failed'; error: AppError };

/** Whether the route reaches its host over SSH, where Fetch from host can read the OpenClaw config. */
export function reachesHostOverSsh(route: Route): boolean {
  return route.kind === 'ssh' || (route.kind === 'tailscale' && route.via.kind === 'ssh');
}

/** Runs profiles:fetch-token for a profile ID and tracks it; `onFetched` hears of each success. */
export function useFetchToken(onFetched: (fetched: FetchedGateway) => void) {
  const [state, setState] = useState<FetchTokenState>({ phase: 'idle' });
  async function fetchToken(id: string): Promise<void> {
    setState({ phase: 'fetching' });
    const result = await api.invoke('profiles:fetch-token', { id });
    if (!result.ok) {
      setState({ phase: 'failed', error: result.error });
      return;
    }
    setState({ phase: 'done', fetched: result.value });
    onFetched(result.value);
  }
  return { state, fetchToken, reset: () => setState({ phase: 'idle' }) };
}

function fetchedSentence({ tokenStored, authMode, configPath }: FetchedGateway): string {
  const where = `from ${configPath} on the host`;
  if (!tokenStored) return `The Gateway on the host asks for no token (auth mode “${authMode}”, ${where}).`;
  return authMode === 'password' ? `Gateway password stored as the token (${where})` : `Token stored (${where})`;
}

/** The progress, the outcome's sentence, or the error with its hint, for beside the button that started it. */
export function FetchTokenOutcome({ state }: { state: FetchTokenState }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'fetching':
      return <Progress label="Reading the host’s OpenClaw config…" className="fetch-outcome" />;
    case 'done':
      return (
        <p className="fetch-outcome notice" role="status" data-testid="fetch-outcome">
          {fetchedSentence(state.fetched)}
        </p>
      );
    case 'failed':
      return (
        <div className="fetch-outcome" data-testid="fetch-outcome">
          <ErrorNotice error={state.error} />
        </div>
      );
  }
}
