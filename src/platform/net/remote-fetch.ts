// Fetching a file from another site on an editor's behalf, without letting the address reach the server's own
// network: https only, every address the name resolves to must be public, the connection goes to the address
// that was checked (no second lookup a rebinding DNS server could answer differently), each redirect is checked
// the same way, and the size and the time are bounded.
import { lookup as dnsLookup } from 'node:dns/promises';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './public-address.ts';

export type ResolveHost = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface RemoteFetchPolicy {
  maxBytes: number;
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  maxRedirects: number;
  /**
   * Addresses allowed although they are not public. Only tests set it (a local HTTPS server on 127.0.0.1),
   * through the deps overrides: no configuration variable reaches it.
   */
  allowAddress?: (ip: string) => boolean;
  /** Extra certificate authorities to trust (a test server's self-signed certificate). */
  ca?: string;
  /** The resolver; tests give one that answers for made-up names. */
  resolve?: ResolveHost;
}

export class RemoteFetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Fetched {
  bytes: Buffer;
  contentType: string;
  /** The address finally answered, after redirects. */
  url: string;
}

const seconds = (ms: number) =>
  `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} second${ms === 1000 ? '' : 's'}`;

const systemResolve: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The public addresses of the URL's host; refuses the URL if any address is not public. */
async function checkedAddresses(url: URL, policy: RemoteFetchPolicy): Promise<{ address: string; family: number }[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      throw new RemoteFetchError('unknown_host', `the name ${host} does not resolve to an address`);
    }
    if (addresses.length === 0)
      throw new RemoteFetchError('unknown_host', `the name ${host} does not resolve to an address`);
  }
  // Every address, not just the first: a name that also points inside the network is refused outright.
  const inside = addresses.find((a) => !isPublicAddress(a.address) && !policy.allowAddress?.(a.address));
  if (inside)
    throw new RemoteFetchError(
      'private_address',
      `${host} points to ${inside.address}, which is not a public internet address`,
    );
  return addresses;
}

function checkUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RemoteFetchError('invalid_url', 'the address is not a valid URL');
  }
  if (url.protocol !== 'https:') throw new RemoteFetchError('not_https', 'only https:// addresses are copied');
  if (url.username || url.password)
    throw new RemoteFetchError('invalid_url', 'the address carries a user name or password');
  return url;
}

/** GETs an https URL from a public address, following at most `maxRedirects` checked redirects. */
export async function fetchPublic(raw: string, policy: RemoteFetchPolicy): Promise<Fetched> {
  const deadline = Date.now() + policy.timeoutMs;
  let url = checkUrl(raw);
  for (let hop = 0; ; hop++) {
    const addresses = await checkedAddresses(url, policy);
    const answer = await get(url, addresses, { policy, deadline });
    if ('redirect' in answer) {
      if (hop >= policy.maxRedirects)
        throw new RemoteFetchError('too_many_redirects', `it redirected more than ${policy.maxRedirects} times`);
      url = checkUrl(new URL(answer.redirect, url));
      continue;
    }
    return { ...answer, url: url.href };
  }
}

function get(
  url: URL,
  addresses: { address: string; family: number }[],
  { policy, deadline }: { policy: RemoteFetchPolicy; deadline: number },
): Promise<Omit<Fetched, 'url'> | { redirect: string }> {
  // The connection goes to an address checked above, whatever the resolver would say now.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const all = (options as { all?: boolean }).all;
    if (all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      reject(new RemoteFetchError('timeout', `it did not answer within ${seconds(policy.timeoutMs)}`));
      return;
    }
    const req = https.request(url, {
      method: 'GET',
      lookup: pinned,
      agent: false,
      ...(policy.ca && { ca: policy.ca }),
      headers: {
        accept: 'image/avif,image/webp,image/png,image/jpeg;q=0.9,*/*;q=0.1',
        'user-agent': 'Dateline image copier',
        'accept-encoding': 'identity',
      },
    });
    const timer = setTimeout(() => {
      req.destroy(new RemoteFetchError('timeout', `it did not answer within ${seconds(policy.timeoutMs)}`));
    }, left);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(
        error instanceof RemoteFetchError
          ? error
          : new RemoteFetchError('unreachable', `the site could not be reached (${error.message})`),
      );
    };
    req.on('error', fail);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        clearTimeout(timer);
        res.resume();
        req.destroy();
        resolve({ redirect: res.headers.location });
        return;
      }
      if (status !== 200) {
        req.destroy(new RemoteFetchError('http_status', `the site answered ${status} instead of the image`));
        return;
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      const tooLarge = () =>
        new RemoteFetchError('too_large', `it is larger than ${Math.round(policy.maxBytes / 1048576)} MB`);
      if (declared > policy.maxBytes) {
        req.destroy(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxBytes) req.destroy(tooLarge());
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        if (!res.complete) {
          fail(new RemoteFetchError('unreachable', 'the connection closed before the whole image arrived'));
          return;
        }
        resolve({ bytes: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? '') });
      });
    });
    req.end();
  });
}
