// The browser host's WebSocket bridge under hostile frames, over the same core the host runs: any text or binary
// message gets one reply with a typed error (or the router's result), an oversized one closes only its own
// connection (1009), and afterwards the host still serves and no saved byte has changed.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/main/host/web-host';
import { REQUEST_CHANNELS, requests } from '../../electron/shared/contract';
import { removeTempDir } from '../fixtures/temp-dir';
import { openSecurityCore, snapshotFiles, type SecurityCore } from './app-core';
import { hostileJson, hostileText } from './hostile-input';
import { isTypedError } from './typed-outcome';

const SECRET = 'bridge-fuzz-secret-0123456789';
const FRAME_RUNS = { numRuns: 300 };

let core: SecurityCore;
let host: WebHost;

beforeAll(async () => {
  core = await openSecurityCore();
  const saved = await core.services.router.invoke('profiles:save', [
    { name: 'Bridge Seed', route: { kind: 'direct', url: 'ws://127.0.0.1:1' }, token: 'bridge-seed-token-42' },
  ]);
  expect(saved.ok).toBe(true);
  host = await startWebHost({
    router: core.services.router,
    events: core.services.events,
    log: core.services.log.logger('web-host'),
    staticDir: core.home,
    port: 0,
    secret: SECRET,
  });
});

afterAll(async () => {
  await host.close();
  await core.services.connection.shutdown();
  removeTempDir(core.home);
});

type Reply = { type: string; id?: number; result?: { ok: boolean; error?: unknown } };

/** A bridge connection of the host's own page, with the replies in arrival order (events left out). */
async function openPage() {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?secret=${SECRET}`, {
    origin: `http://127.0.0.1:${host.port}`,
  });
  const replies: Reply[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Reply;
    if (frame.type === 'event') return;
    replies.push(frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  async function nextReply(): Promise<Reply> {
    while (replies.length === 0) await new Promise<void>((wake) => waiters.push(wake));
    return replies.shift() as Reply;
  }
  return { socket, nextReply, closed };
}

/** Invoke frames for real channels whose arguments the contract refuses, so nothing reaches a handler. */
const refusedInvoke = fc
  .record({
    type: fc.constant('invoke'),
    id: fc.nat(),
    channel: fc.oneof(fc.constantFrom(...REQUEST_CHANNELS), hostileText),
    args: fc.array(hostileJson, { maxLength: 3 }),
  })
  .filter(
    ({ channel, args }) =>
      !(REQUEST_CHANNELS as readonly string[]).includes(channel) ||
      !requests[channel as (typeof REQUEST_CHANNELS)[number]].args.safeParse(args).success,
  );
const message = fc.oneof(
  refusedInvoke.map((frame) => ({ text: JSON.stringify(frame), id: frame.id })),
  fc
    .record({ type: hostileJson, id: hostileJson, channel: hostileJson, args: hostileJson }, { requiredKeys: [] })
    .map((frame) => ({ text: JSON.stringify(frame), id: undefined })),
  hostileText.map((text) => ({ text, id: undefined })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ text: Buffer.from(bytes), id: undefined })),
);

describe('browser host bridge under hostile frames', () => {
  it('answers every message with one reply carrying a typed error, and changes no saved byte', async () => {
    const before = snapshotFiles(core.dataDir);
    const page = await openPage();
    await fc.assert(
      fc.asyncProperty(message, async ({ text, id }) => {
        page.socket.send(text, { binary: Buffer.isBuffer(text) });
        const reply = await page.nextReply();
        expect(['result', 'protocol-error']).toContain(reply.type);
        expect(reply.result?.ok).toBe(false);
        expect(isTypedError(reply.result?.error), JSON.stringify(reply)).toBe(true);
        // A frame with an ID and a channel gets its own ID back, so a page can match the answer to its request.
        if (reply.type === 'result' && id !== undefined) expect(reply.id).toBe(id);
      }),
      FRAME_RUNS,
    );
    page.socket.close();
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });

  it('closes only the connection that sent an oversized message, and keeps serving', async () => {
    const before = snapshotFiles(core.dataDir);
    const flooder = await openPage();
    const bystander = await openPage();
    const args = [{ name: 'x'.repeat(2 * 1024 * 1024), route: { kind: 'direct', url: 'ws://127.0.0.1:1' } }];
    flooder.socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'profiles:save', args }));
    // 1009: "message too big", as RFC 6455 names it.
    expect(await flooder.closed).toBe(1009);
    bystander.socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'profiles:list', args: [] }));
    expect(await bystander.nextReply()).toMatchObject({ type: 'result', id: 2, result: { ok: true } });
    const fresh = await openPage();
    fresh.socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'app:info', args: [] }));
    expect(await fresh.nextReply()).toMatchObject({ id: 3, result: { ok: true } });
    bystander.socket.close();
    fresh.socket.close();
    expect(snapshotFiles(core.dataDir)).toEqual(before);
  });
});
