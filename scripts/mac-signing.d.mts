// Types of mac-signing.mjs for its unit test.
export function macSigning(env: Record<string, string | undefined>): {
  mac: { identity?: string; hardenedRuntime?: boolean; notarize: boolean };
  summary: string;
};
