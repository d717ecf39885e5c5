// Diagnostics: runs the doctor on a profile (the primary one without an id) and sends each step as a `doctor:step`
// event while it runs, so the window and the terminal can show the checks as they finish.
import { withRememberedPassphrases } from '../services/connection/remembered-passphrases';
import { runDoctor } from '../services/doctor/doctor';
import type { Action } from './app-core';

export const runDiagnostics: Action<'doctor:run'> = async (core, { profileId }) => {
  const { profiles, system } = core;
  const profile = profiles.findOrPrimary(profileId);
  core.log.logger('doctor').info(`Running the doctor on ${profile.name}.`);
  return runDoctor(profile, {
    profiles,
    secrets: core.secrets,
    sshConfig: core.sshConfig,
    prompts: withRememberedPassphrases(core.prompts, core.secrets, profile.id),
    system,
    log: core.log,
    appVersion: core.appInfo.version,
    onStep: (step) => core.events.emit('doctor:step', step),
    tailscale: core.tailscale,
    stability: core.stability.history(profile.id),
  });
};
