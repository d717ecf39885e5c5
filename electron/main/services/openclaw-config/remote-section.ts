// Where the client settings sit in a parsed openclaw.json (`gateway` and `gateway.remote`) and the shape both the
// import and the rewrite rely on: objects where the schema wants objects, and no `$include` there, which the app
// neither follows nor could rewrite (the keys would live in another file).
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { isRecord } from '../gateway/host-openclaw-config';
import { configInvalid, describeType } from './config-file';

export interface RemoteSection {
  /** `gateway`, or an empty object when the file has none. */
  gateway: Record<string, unknown>;
  /** `gateway.remote`, or an empty object when the file has none. */
  remote: Record<string, unknown>;
}

export function remoteSectionOf(config: Record<string, unknown>, path: string): RemoteSection {
  const gateway = objectAt(config.gateway, 'gateway', path);
  const remote = objectAt(gateway.remote, 'gateway.remote', path);
  for (const [where, value] of [
    ['gateway', gateway],
    ['gateway.remote', remote],
  ] as const) {
    if ('$include' in value) {
      throw new AppFailure(
        appError(
          'openclaw-config-include',
          `Your OpenClaw config ${path} takes ${where} from another file ($include), which the app does not read ` +
            'or change.',
          `Move the gateway.remote settings into ${path} itself, or set them with "openclaw config set".`,
        ),
      );
    }
  }
  return { gateway, remote };
}

function objectAt(value: unknown, where: string, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  throw new AppFailure(configInvalid(path, `${where} is ${describeType(value)}, not an object`));
}
