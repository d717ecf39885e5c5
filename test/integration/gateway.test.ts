// Smoke test for the Gateway fixture: a WebSocket client gets the connect challenge first, and the Gateway's own CLI
// is a working second client that passes with the right token and fails with AUTH_TOKEN_MISMATCH otherwise.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayMissing, runOpenclawCli, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';

describe.skipIf(!peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh'))(
  'Gateway fixture',
  () => {
    let gateway: Gateway;

    beforeAll(async () => {
      gateway = await startGateway();
    });

    afterAll(async () => {
      await gateway?.stop();
    });

    it('sends connect.challenge as the first frame', async () => {
      const frame = await firstFrame(gateway.url);
      expect(frame).toMatchObject({
        type: 'event',
        event: 'connect.challenge',
        payload: { nonce: expect.any(String) },
      });
    });

    it('answers health from its own CLI with the right token', async () => {
      const result = await runOpenclawCli(health(gateway.url, gateway.token), gateway.env);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    });

    it('rejects its own CLI with a wrong token', async () => {
      const result = await runOpenclawCli(health(gateway.url, 'wrong-token'), gateway.env);
      expect(result.code).not.toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        error: { details: { code: 'AUTH_TOKEN_MISMATCH' } },
      });
    });
  },
);

function health(url: string, token: string): string[] {
  return ['gateway', 'health', '--url', url, '--token', token, '--json'];
}

function firstFrame(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    // With the default binaryType ('nodebuffer') every message arrives as one Buffer.
    socket.once('message', (data: Buffer) => {
      socket.close();
      resolve(JSON.parse(data.toString('utf8')));
    });
    socket.once('error', reject);
  });
}
