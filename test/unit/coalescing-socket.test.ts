// The SSH connection's socket hands everything written in one tick to the kernel in one writev, and every
// byte still arrives in order.
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectCoalescingSocket } from '../../electron/main/services/ssh/coalescing-socket';

const servers: net.Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

function collectingServer(): Promise<{ port: number; received: Promise<Buffer> }> {
  return new Promise((resolve) => {
    let deliver: (data: Buffer) => void = () => {};
    const received = new Promise<Buffer>((done) => (deliver = done));
    const server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => deliver(Buffer.concat(chunks)));
    });
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, received }));
  });
}

describe('coalescing socket', () => {
  it('turns the writes of one tick into a single writev, in order', async () => {
    const { port, received } = await collectingServer();
    const socket = connectCoalescingSocket('127.0.0.1', port);
    await new Promise((resolve) => socket.once('connect', resolve));
    const single = vi.spyOn(socket, '_write');
    const vector = vi.spyOn(socket, '_writev');
    socket.write(Buffer.from('len!'));
    socket.write(Buffer.from('ciphertext'));
    socket.write(Buffer.from('tag'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(single).not.toHaveBeenCalled();
    expect(vector).toHaveBeenCalledTimes(1);
    socket.end('next');
    expect((await received).toString()).toBe('len!ciphertexttagnext');
  });
});
