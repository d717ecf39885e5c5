// What the CLI prints under an error's hint for each fix action: the command to run, or what to do where no
// command exists yet. One entry per action, so an action the terminal cannot offer does not compile.
import type { FixAction } from '../../../shared/error-actions';

/** What the step may name: the profile the command was about and a pending pairing request. */
export interface FixStepContext {
  profileName?: string;
  requestId?: string;
}

export const CLI_FIX_STEPS: Record<FixAction, (context: FixStepContext) => string> = {
  'retry-now': ({ profileName }) => `Try again now: openclaw-remote connect ${profileName ?? '[NAME]'}`,
  'edit-profile': ({ profileName }) =>
    `Change the profile: openclaw-remote profiles remove ${profileName ?? 'NAME'}, then profiles add it again ` +
    '(or edit it in the app).',
  'enter-token': ({ profileName }) =>
    `Fetch the token again: openclaw-remote profiles fetch-token ${profileName ?? 'NAME'} (or enter it in the app).`,
  'fetch-token': ({ profileName }) => `Run: openclaw-remote profiles fetch-token ${profileName ?? 'NAME'}`,
  'approve-device': ({ requestId }) =>
    `On the Gateway host run: openclaw devices approve ${requestId ?? '<requestId>'} ` +
    '(openclaw devices list shows the request).',
  'trust-host-key': ({ profileName }) =>
    `Connect again and answer the host-key question: openclaw-remote connect ${profileName ?? '[NAME]'} ` +
    '(or pass --accept-new-host-key).',
  'open-security': ({ profileName }) =>
    'Check the host key with the host’s administrator; if the change is expected, forget the old key with ' +
    `openclaw-remote security forget-host-key ${profileName ?? 'NAME'} and connect again.`,
  'open-diagnostics': ({ profileName }) =>
    `Check the way to the Gateway step by step: openclaw-remote doctor ${profileName ?? '[NAME]'}`,
  'free-local-port': ({ profileName }) =>
    `Stop the earlier OpenClaw Remote tunnel that holds the port: openclaw-remote doctor ${profileName ?? 'NAME'} --free-port`,
  'open-logs': () => 'The app log has the details (the Logs page of the app).',
  'start-tailscale': () => 'Run: tailscale up (or switch Tailscale on in its app).',
  'log-in-tailscale': () => 'Run: tailscale login (or log in from the Tailscale app).',
  'apply-stability-settings': ({ profileName }) =>
    `Apply steadier keepalive settings: openclaw-remote profiles steady ${profileName ?? 'NAME'}`,
};
