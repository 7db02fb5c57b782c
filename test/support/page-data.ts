// What a page tells machines: its JSON-LD blocks and its Open Graph / X card meta tags.
import assert from 'node:assert/strict';

/** Every JSON-LD block of a page, parsed; the raw text may not end its element or open a comment. */
export function jsonLdOf(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => {
    assert.ok(!/<\/script|<!--/i.test(m[1]), 'no "</script" or "<!--" inside the JSON-LD text');
    return JSON.parse(m[1]);
  });
}

/** The content of each <meta property|name="…"> of a page, by name, in order (article:tag repeats). */
export function metaOf(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  for (const m of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\s*\/?>/g))
    out.set(m[1], [...(out.get(m[1]) ?? []), decode(m[2])]);
  return out;
}
