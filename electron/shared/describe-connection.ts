// Words for the connection: its states, what it is doing on the way up, its routes, its retries and its errors,
// said the same way by the window, the menu-bar icon and the command line. Pure and browser-safe.
import type { LinkStep } from './link-state';

/** What the connection is doing right now, in a few words ("signing in as alice"). */
export function stepWords(step: LinkStep): string {
  switch (step.step) {
    case 'reading-ssh-config':
      return 'reading the SSH configuration';
    case 'connecting':
      return step.hop === undefined
        ? `connecting to ${step.host}:${step.port}`
        : `connecting to jump host ${step.host}:${step.port}`;
    case 'verifying-host':
      return `checking the host key of ${step.host}`;
    case 'authenticating':
      return `signing in as ${step.user}`;
    case 'opening-gateway':
      return 'opening the Gateway connection';
    case 'signing-in-to-gateway':
      return 'signing in to the Gateway';
  }
}
