/**
 * Credentials shared by every client of an account. SDK clients each cache credentials on
 * their own, so an assumed-role provider given to 200 clients (services × regions) would call
 * sts:AssumeRole 200 times; this cache makes it once, and again only near expiry.
 */
import type { Credentials, CredentialProvider } from './engine/clients.js';

/** Refresh this long before expiry, so no call goes out with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** A provider that asks `source` once and reuses the answer until shortly before it expires. */
export function sharedCredentials(source: Credentials): Credentials {
  if (typeof source !== 'function') return source;
  let pending: ReturnType<CredentialProvider> | undefined;
  const provider: CredentialProvider = async (options) => {
    if (pending) {
      const current = await pending.catch(() => undefined);
      const expiry = current?.expiration?.getTime();
      if (current && (expiry === undefined || expiry - Date.now() > REFRESH_MARGIN_MS)) return current;
    }
    pending = source(options);
    return pending;
  };
  return provider;
}
