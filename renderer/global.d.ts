// The preload's `window.api`, present only inside the Electron app.
import type { Api } from '../electron/shared/contract';

declare global {
  interface Window {
    api?: Api;
  }
}
