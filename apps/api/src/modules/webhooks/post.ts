import type { LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isPublicAddress, type Resolver, systemResolver } from './policy.ts';

export type WebhookPoster = (url: string, payload: { text: string }) => Promise<void>;

export class WebhookError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * POSTs JSON over https, connecting only to a public address: the address is checked inside the
 * connection's own DNS lookup, so a name that resolves to a private address (or is re-pointed
 * there after the URL was accepted) is never connected to. No redirects are followed.
 */
export function httpsPoster(resolve: Resolver = systemResolver): WebhookPoster {
  return (url, payload) =>
    new Promise<void>((done, fail) => {
      const body = JSON.stringify(payload);
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
          timeout: 15_000,
          lookup: (hostname, options, callback) => {
            resolve(hostname).then(
              (addresses) => {
                const safe = addresses.filter(isPublicAddress);
                if (safe.length === 0 || safe.length !== addresses.length) {
                  const error = Object.assign(
                    new Error(`${hostname} resolves to a private address`),
                    {
                      code: 'EPRIVATE',
                    },
                  );
                  return (callback as (e: Error) => void)(error);
                }
                const all: LookupAddress[] = safe.map((address) => ({
                  address,
                  family: address.includes(':') ? 6 : 4,
                }));
                if ((options as { all?: boolean }).all)
                  (callback as (e: null, a: LookupAddress[]) => void)(null, all);
                else callback(null, all[0]!.address, all[0]!.family);
              },
              (error) => (callback as (e: Error) => void)(error),
            );
          },
        },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return done();
          fail(new WebhookError(`HTTP ${status}`, status >= 400 && status < 500 && status !== 429));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) =>
        fail(
          error instanceof WebhookError
            ? error
            : new WebhookError(error.message, (error as { code?: string }).code === 'EPRIVATE'),
        ),
      );
      req.end(body);
    });
}
