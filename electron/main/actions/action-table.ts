// Every contract channel and the one action that serves it: the router's handlers, and through the router the
// window, the browser host and the CLI. Adding a thing a person can do means one action and one line here.
import { appInfo, dismissNotice, recentLog, settingsProblems } from './app-actions';
import type { Action, AppCore } from './app-core';
import { answerPrompt, connect, connectionStatus, disconnect, retryNow } from './connection-actions';
import { exportDiagnostics, freeProfilePort, runDiagnostics } from './doctor-action';
import { fetchTokenFromHost } from './fetch-token-action';
import { tailGatewayLog } from './gateway-log-actions';
import { openclawImport, openclawImportOffer } from './openclaw-actions';
import { applyStabilitySettings, stabilityHistory } from './stability-actions';
import { getProfile, listProfiles, removeProfile, saveProfile, setPrimaryProfile } from './profile-actions';
import { forgetDeviceToken, forgetHostKey, securityOverview } from './security-actions';
import { listTailnets, scanTailnet, switchTailnet, useTailnetDevice, watchTailnet } from './tailscale-actions';
import { generateSshKey, installSshKey, sshKeyState, whoGetsIn } from './security-access-actions';
import { chooseIdentityFile } from './identity-file-action';
import type { RequestArgs, RequestChannel, RequestResult } from '../../shared/contract';

export const ACTIONS: { [C in RequestChannel]: Action<C> } = {
  'app:info': appInfo,
  'log:recent': recentLog,
  'settings:problems': settingsProblems,
  'profiles:list': listProfiles,
  'profiles:get': getProfile,
  'profiles:save': saveProfile,
  'profiles:remove': removeProfile,
  'profiles:set-primary': setPrimaryProfile,
  'profiles:fetch-token': fetchTokenFromHost,
  'profiles:apply-stability-settings': applyStabilitySettings,
  'connection:status': connectionStatus,
  'connection:connect': connect,
  'connection:disconnect': disconnect,
  'connection:retry-now': retryNow,
  'connection:stability': stabilityHistory,
  'tailscale:scan': scanTailnet,
  'tailscale:watch': watchTailnet,
  'tailscale:tailnets': listTailnets,
  'tailscale:switch': switchTailnet,
  'tailscale:use-device': useTailnetDevice,
  'openclaw:import-offer': openclawImportOffer,
  'openclaw:import': openclawImport,
  'prompt:answer': answerPrompt,
  'doctor:run': runDiagnostics,
  'doctor:export': exportDiagnostics,
  'doctor:free-port': freeProfilePort,
  'security:overview': securityOverview,
  'security:forget-host-key': forgetHostKey,
  'security:forget-device-token': forgetDeviceToken,
  'security:ssh-key': sshKeyState,
  'security:generate-key': generateSshKey,
  'security:install-key': installSshKey,
  'security:who': whoGetsIn,
  'settings:dismiss-notice': dismissNotice,
  'gateway-log:tail': tailGatewayLog,
  'profiles:choose-identity-file': chooseIdentityFile,
};

/** What the router serves each channel with: the action, its core already given. */
export type Handlers = {
  [C in RequestChannel]: (...args: RequestArgs<C>) => Promise<RequestResult<C>> | RequestResult<C>;
};

/** The router's handlers: each channel's action bound to this core. */
export function handlersFor(core: AppCore): Handlers {
  const bound = Object.entries(ACTIONS).map(([channel, action]) => [
    channel,
    (...args: unknown[]) => (action as (core: AppCore, ...a: unknown[]) => unknown)(core, ...args),
  ]);
  return Object.fromEntries(bound) as Handlers;
}
