// The one way Leeway's scripts, browser tests and benchmarks find a port for a server they start.
import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on now: the system picks one, which is closed
 * again at once for the caller's server to take.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
