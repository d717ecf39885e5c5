// A stream that carries a WebSocket in place of a TCP connection (an SSH tunnel's channel to the Gateway), shaped
// enough like a socket for ws: ws turns Nagle off and clears the idle timeout on the socket it upgrades, and a
// channel has neither knob (Nagle is already off on the TCP socket under the SSH connection).
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';

/** ws's `createConnection` option that hands it `stream`. */
export function streamConnection(stream: Duplex): WebSocket.ClientOptions['createConnection'] {
  const socket: Duplex = Object.assign(stream, {
    setNoDelay: () => socket,
    setKeepAlive: () => socket,
    setTimeout: (timeoutMs: number) => {
      // Clearing is all ws and http do here; a real idle timeout would need a timer this stream does not have.
      if (timeoutMs !== 0) throw new Error('A stream to the Gateway has no idle timeout.');
      return socket;
    },
  });
  return (() => socket) as unknown as WebSocket.ClientOptions['createConnection'];
}
