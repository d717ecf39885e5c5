// Pairing on the real Gateway: with automatic approval of local devices turned off in its config
// (gateway.nodes.pairing.autoApproveLocal: false), a new device is held for approval. The client shows the request
// id and the command to run, keeps retrying, and connects by itself once `openclaw devices approve <id>` ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../electron/main/services/gateway/gateway-client';
import { gatewayMissing, runOpenclawCli, startGatewayWithConfig, type Gateway } from '../fixtures/gateway';
import { testGatewayClient } from '../fixtures/gateway-client';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';

const usable = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

describe.skipIf(!usable)('Gateway client pairing against the real Gateway', () => {
  let gateway: Gateway;
  let client: GatewayClient | undefined;

  beforeAll(async () => {
    gateway = await startGatewayWithConfig({ gateway: { nodes: { pairing: { autoApproveLocal: false } } } });
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
  });

  it('waits for approval with the request id, then connects by itself once approved', async () => {
    const log = createTestLog();
    client = testGatewayClient(log, { url: gateway.url, token: gateway.token });
    client.start();

    const waiting = await waitForPhase(client, 'retrying', {
      accept: (state) => state.lastError.kind === 'gateway-pairing-required',
    });
    const { requestId } = waiting.lastError;
    expect(requestId).toEqual(expect.any(String));
    expect(waiting.lastError.message).toContain(requestId);
    expect(waiting.lastError.hint).toContain(`openclaw devices approve ${requestId}`);
    // Retries keep presenting the same device, so the request stays the one shown.
    await waitForPhase(client, 'retrying', { accept: (state) => state.attempt >= waiting.attempt + 2 });
    expect(client.state).toMatchObject({ lastError: { requestId } });

    // The CLI on the Gateway host: same state dir, and the shared token so it can reach the running Gateway.
    const env = { ...gateway.env, OPENCLAW_GATEWAY_TOKEN: gateway.token, OPENCLAW_GATEWAY_PORT: String(gateway.port) };
    const approved = await runOpenclawCli(['devices', 'approve', requestId ?? '', '--json'], env);
    expect(approved.code, approved.stderr).toBe(0);

    await expect(waitForPhase(client, 'up')).resolves.toMatchObject({
      scopes: expect.arrayContaining(['operator.read']),
    });
    await expect(client.health()).resolves.toMatchObject({ ok: true });
  });
});
