// The v3 device-auth payload the Gateway rebuilds from the connect request and checks the device signature
// against: ten `|`-separated fields after the version, in the Gateway's order. Any difference in a field,
// its order or its normalisation makes the Gateway answer DEVICE_AUTH_SIGNATURE_INVALID.

export interface SignatureFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  /** In the order they are sent in `connect.params.scopes`. */
  scopes: readonly string[];
  /** The challenge's `ts`, which is also sent as `device.signedAt`. */
  signedAtMs: number;
  /** The token the Gateway will see first: `auth.token`, else `auth.deviceToken`; absent means "". */
  token: string | undefined;
  nonce: string;
  platform: string | undefined;
  deviceFamily: string | undefined;
}

export function signaturePayloadV3(fields: SignatureFields): string {
  return [
    'v3',
    fields.deviceId,
    fields.clientId,
    fields.clientMode,
    fields.role,
    fields.scopes.join(','),
    String(fields.signedAtMs),
    fields.token ?? '',
    fields.nonce,
    normalizeMetadata(fields.platform),
    normalizeMetadata(fields.deviceFamily),
  ].join('|');
}

/** The Gateway trims and lowercases only ASCII A–Z (no locale rules), so this must do exactly the same. */
function normalizeMetadata(value: string | undefined): string {
  return (value ?? '').trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
