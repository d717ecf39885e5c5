// Diagnostics: runs the doctor on a profile (the primary one without an id) and sends each step as a `doctor:step`
// event while it runs, so the window and the terminal can show the checks as they finish; exports a report redacted.
// The checks load when the doctor first runs: they bring node:http, whose ESM import alone costs a CLI command that
// never runs them (status, profiles) a noticeable part of its start.
import { withRememberedPassphrases } from '../services/connection/remembered-passphrases';
import { sshSettingsForProfile } from '../services/connection/route-for-profile';
import { freeLocalPort } from '../services/doctor/free-port';
import { exportReport } from '../services/doctor/report-export';
import { appError } from '../../shared/errors';
import { AppFailure } from '../app-failure';
import type { Action } from './app-core';

export const runDiagnostics: Action<'doctor:run'> = async (core, { profileId }) => {
  const { profiles, system } = core;
  const profile = profiles.findOrPrimary(profileId);
  core.log.logger('doctor').info(`Running the doctor on ${profile.name}.`);
  const { runDoctor } = await import('../services/doctor/doctor');
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
    onHostKeyVerdict: (verdict) => core.presentedHostKeys.heard(profile.id, verdict),
  });
};

export const exportDiagnostics: Action<'doctor:export'> = (core, { report, format }) =>
  exportReport(report, format, { secrets: core.secrets, clock: core.system.clock, appVersion: core.appInfo.version });

export const freeProfilePort: Action<'doctor:free-port'> = (core, { profileId }) => {
  const profile = core.profiles.findOrPrimary(profileId);
  const port = sshSettingsForProfile(profile)?.localPort ?? 0;
  if (port === 0) {
    throw new AppFailure(
      appError(
        'port-not-ours',
        `${profile.name} has no fixed local port to free: it reaches its Gateway without one or takes any free port.`,
        'Nothing was stopped. Run the checks again to see what needs doing.',
      ),
    );
  }
  return freeLocalPort(port, core.system);
};
