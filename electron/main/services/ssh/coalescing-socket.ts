// The TCP socket under an SSH connection (a ProxyJump hop's traffic rides on the first hop's socket). Nagle is
// off: SSH traffic is mostly request and reply (the Gateway's messages, SFTP, exec), and Nagle with delayed
// ACKs stalls each exchange by tens of milliseconds. ssh2 hands the socket every SSH packet in three writes
// (length, ciphertext, tag), which without Nagle would each be a system call and a TCP segment, so the socket
// corks itself for the rest of the current tick on the first write: everything ssh2 produces in one go
// reaches the kernel as a single writev (those writes were a third of the tunnel's CPU time in bulk).
import net from 'node:net';

export function connectCoalescingSocket(host: string, port: number): net.Socket {
  const socket = net.connect({ host, port, noDelay: true });
  // Assigned after connect(), which resets an instance's own `write` to the prototype's.
  const write = socket.write.bind(socket) as (...args: Parameters<net.Socket['write']>) => boolean;
  let flushScheduled = false;
  socket.write = ((...args: Parameters<net.Socket['write']>) => {
    if (!flushScheduled) {
      flushScheduled = true;
      socket.cork();
      process.nextTick(() => {
        flushScheduled = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as net.Socket['write'];
  return socket;
}
