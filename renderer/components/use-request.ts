// React hook that runs one contract request and tracks its outcome for display.
import { useCallback, useEffect, useState } from 'react';
import type { RequestInput, RequestChannel, RequestResult } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/errors';
import { api } from '../api';

export function useRequest<C extends RequestChannel>(channel: C, ...args: RequestInput<C>) {
  const [result, setResult] = useState<Result<RequestResult<C>> | undefined>(undefined);
  const key = JSON.stringify(args);
  const load = useCallback(() => {
    let current = true;
    void api.invoke(channel, ...(JSON.parse(key) as RequestInput<C>)).then((outcome) => {
      if (current) setResult(outcome);
    });
    return () => {
      current = false;
    };
  }, [channel, key]);
  useEffect(load, [load]);
  return result;
}
