// The renderer needs no browser permission (camera, notifications, geolocation, ...): deny every request
// and every permission check for the app's session.
import { session } from 'electron';

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
