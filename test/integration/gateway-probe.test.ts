// The Gateway probe against real peers: a real Gateway is recognised, and whatever else answers on a port (a web
// server, the private sshd, a WebSocket server, garbage, silence, a hang-up, nothing) is told apart within the
// timeout, and turned into an error that says what is there and what to do.
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  notAGatewayError,
  probeGateway,
  type NotGateway,
  type ProbeResult,
} from '../../electron/main/services/gateway/probe';
import { freePort } from '../fixtures/free-port';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';

const TIMEOUT_MS = 1_500;

interface Peer {
  port: number;
  close(): Promise<void>;
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<Peer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** A TCP server that does `onConnection` with each client and ends them all on close. */
function tcpPeer(onConnection: (socket: import('node:net').Socket) => void): Promise<Peer> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket);
  });
  return listen(server).then((peer) => ({
    port: peer.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return peer.close();
    },
  }));
}

/** The probe's own deadline bounds every case here; a probe that ignored it would hang the test instead. */
function probe(url: string, timeoutMs = TIMEOUT_MS): Promise<ProbeResult> {
  return probeGateway(url, testSystem().clock, timeoutMs);
}

function notGateway(result: ProbeResult): NotGateway {
  if (result.gateway) throw new Error('expected something that is not a Gateway');
  return result;
}

describe('Gateway probe: what answers when it is not a Gateway', () => {
  const peers: Peer[] = [];
  const peer = async (started: Promise<Peer>) => {
    const value = await started;
    peers.push(value);
    return value;
  };

  afterAll(async () => {
    await Promise.all(peers.map((each) => each.close()));
  });

  it('a web server: the upgrade is refused with an HTTP status', async () => {
    const web = await peer(
      listen(
        createHttpServer((_request, response) => {
          response.writeHead(404, { server: 'test-web/1.0' }).end('not here');
        }),
      ),
    );
    const result = await probe(`ws://127.0.0.1:${web.port}`);
    expect(result).toEqual({
      gateway: false,
      reason: 'not-websocket',
      status: 404,
      detail: 'HTTP 404 Not Found from test-web/1.0',
    });
    const error = notAGatewayError(`ws://127.0.0.1:${web.port}`, notGateway(result));
    expect(error.kind).toBe('not-a-gateway');
    expect(error.message).toContain(`port ${web.port} of 127.0.0.1`);
    expect(error.message).toContain('HTTP 404');
  });

  it('a server that sends garbage as soon as a client connects', async () => {
    const garbage = await peer(tcpPeer((socket) => socket.write(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]))));
    const result = await probe(`ws://127.0.0.1:${garbage.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'garbage', detail: 'it sent 00 ff 13 37 42' });
    expect(notAGatewayError(`ws://127.0.0.1:${garbage.port}`, notGateway(result)).kind).toBe('not-a-gateway');
  });

  it('a server that answers the request with something that is not HTTP', async () => {
    const echo = await peer(tcpPeer((socket) => socket.pipe(socket)));
    const result = await probe(`ws://127.0.0.1:${echo.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'garbage' });
    // It echoed the upgrade request back.
    expect(notGateway(result).detail).toContain('GET / HTTP/1.1');
  });

  it('a server whose HTTP answer is malformed', async () => {
    const broken = await peer(tcpPeer((socket) => socket.end('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')));
    const result = await probe(`ws://127.0.0.1:${broken.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'not-websocket' });
    expect(notGateway(result).detail).toContain('malformed HTTP');
  });

  it('a closed port: refused', async () => {
    const port = await freePort();
    const result = await probe(`ws://127.0.0.1:${port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'refused' });
    const error = notAGatewayError(`ws://127.0.0.1:${port}`, notGateway(result));
    expect(error.kind).toBe('gateway-not-running');
    expect(error.hint).toContain('openclaw gateway start');
  });

  it('a server that accepts and says nothing: timeout, on time', async () => {
    const silent = await peer(tcpPeer(() => {}));
    const result = await probe(`ws://127.0.0.1:${silent.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'timeout' });
    expect(notAGatewayError(`ws://127.0.0.1:${silent.port}`, notGateway(result)).kind).toBe('gateway-no-answer');
  });

  it('a server that accepts and hangs up at once, as an SSH tunnel with nothing behind it does', async () => {
    const hangUp = await peer(tcpPeer((socket) => socket.destroy()));
    const result = await probe(`ws://127.0.0.1:${hangUp.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'closed' });
    expect(notAGatewayError(`ws://127.0.0.1:${hangUp.port}`, notGateway(result)).kind).toBe(
      'gateway-connection-dropped',
    );
  });

  it('a WebSocket server that is not a Gateway', async () => {
    const server = createHttpServer();
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket) => socket.send(JSON.stringify({ hello: 'world' })));
    const ws = await peer(listen(server));
    const result = await probe(`ws://127.0.0.1:${ws.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'other-websocket' });
    const error = notAGatewayError(`ws://127.0.0.1:${ws.port}`, notGateway(result));
    expect(error.kind).toBe('not-a-gateway');
    expect(error.hint).toContain('connect.challenge');
  });

  it('a WebSocket server that opens and stays silent', async () => {
    const server = createHttpServer();
    new WebSocketServer({ server });
    const ws = await peer(listen(server));
    const result = await probe(`ws://127.0.0.1:${ws.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'silent-websocket' });
    const error = notAGatewayError(`ws://127.0.0.1:${ws.port}`, notGateway(result));
    expect(error.kind).toBe('not-a-gateway');
    expect(error.message).toContain('connect.challenge');
  });

  it('wss:// to a server without TLS', async () => {
    const web = await peer(listen(createHttpServer((_request, response) => response.end('plain'))));
    const result = await probe(`wss://127.0.0.1:${web.port}`);
    expect(result).toMatchObject({ gateway: false, reason: 'tls' });
    expect(notAGatewayError(`wss://127.0.0.1:${web.port}`, notGateway(result)).kind).toBe('gateway-tls-failed');
  });
});

describe.skipIf(!peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server'))(
  'Gateway probe: an SSH server',
  () => {
    let sshd: Sshd;

    beforeAll(async () => {
      sshd = await startSshd();
    });

    afterAll(async () => {
      await sshd?.stop();
    });

    it.each(['ws', 'wss'])('recognises the SSH banner behind %s://', async (scheme) => {
      const url = `${scheme}://127.0.0.1:${sshd.port}`;
      const result = await probe(url);
      expect(result).toMatchObject({ gateway: false, reason: 'ssh' });
      expect(notGateway(result).detail).toMatch(/^SSH-2\.0-OpenSSH/);
      const error = notAGatewayError(url, notGateway(result));
      expect(error.kind).toBe('not-a-gateway');
      expect(error.message).toContain('SSH server');
      expect(error.hint).toContain('18789');
    });
  },
);

describe.skipIf(!peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests through ./scripts/with-node24.sh'))(
  'Gateway probe: a real Gateway',
  () => {
    let gateway: Gateway;

    beforeAll(async () => {
      gateway = await startGateway();
    });

    afterAll(async () => {
      await gateway?.stop();
    });

    it('is recognised by its connect.challenge, without a token', async () => {
      // A Gateway that has just started may take a moment to accept, more so on a loaded machine.
      const result = await probe(gateway.url, 15_000);
      expect(result).toEqual({ gateway: true });
    });
  },
);
