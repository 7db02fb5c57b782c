// 405 Method Not Allowed: an address that exists, asked with a method it does not take (PUT /api/articles), is told
// which methods it does take in the Allow header (RFC 9110 §15.5.6), instead of being told it does not exist.
import { AppError } from '../platform/errors.ts';

interface RouteEntry {
  method: string;
  url: string;
}

/** A route pattern (`/api/articles/:id`, `/assets/*`, `/:year(^\\d{4}$)`) as a regular expression over a path. */
function patternOf(url: string): RegExp {
  const parts = url
    .replace(/\/+$/, '')
    .split('/')
    .map((part) => {
      if (part === '*') return '.*';
      // A parameter with its own pattern matches only what that pattern takes (the archive's /:year/:month).
      const constrained = /^:\w+\((.+)\)$/.exec(part);
      if (constrained) return `(?:${constrained[1].replace(/^\^/, '').replace(/\$$/, '')})`;
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
  return new RegExp(`^${parts.join('/')}/?$`);
}

/**
 * Given the app's routes (read when first needed, so every route is registered by then), a function that throws
 * 405 with Allow when a path is routed for other methods, and does nothing when it is not routed at all.
 */
export function methodCheck(routes: () => readonly RouteEntry[]): (method: string, path: string) => void {
  let compiled: { method: string; pattern: RegExp }[] | undefined;
  return (method, path) => {
    compiled ??= routes().map((r) => ({ method: r.method, pattern: patternOf(r.url) }));
    const allowed = new Set(compiled.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (allowed.size === 0 || allowed.has(method)) return;
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    throw new AppError({
      status: 405,
      code: 'method_not_allowed',
      message: `${path} does not take ${method}; it takes ${allow}.`,
      values: { path, method, allow },
      headers: {
        allow,
      },
    });
  };
}
