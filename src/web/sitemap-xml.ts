// Sitemap documents, written by the sitemap library (which escapes text and drops characters XML forbids).
import { Readable } from 'node:stream';
import {
  ErrorLevel,
  SitemapIndexStream,
  SitemapStream,
  streamToPromise,
  type IndexItem,
  type SitemapItemLoose,
} from 'sitemap';

export interface UrlEntry {
  /** Absolute. */
  url: string;
  lastmod?: Date;
  image?: { url: string; caption?: string };
  /** The page in every language it is written in (itself included), as <xhtml:link rel="alternate" hreflang>. */
  alternates?: { language: string; url: string }[];
  news?: { publication: { name: string; language: string }; publishedAt: Date; title: string };
}

const toItem = (e: UrlEntry): SitemapItemLoose => ({
  url: e.url,
  ...(e.lastmod && { lastmod: e.lastmod.toISOString() }),
  ...(e.image && { img: [{ url: e.image.url, ...(e.image.caption && { caption: e.image.caption }) }] }),
  ...(e.alternates && { links: e.alternates.map((a) => ({ lang: a.language, hreflang: a.language, url: a.url })) }),
  ...(e.news && {
    news: { publication: e.news.publication, publication_date: e.news.publishedAt.toISOString(), title: e.news.title },
  }),
});

/** A <urlset> of at least one entry (the library refuses an empty one). */
export async function renderUrlSet(
  entries: UrlEntry[],
  namespaces: { image?: boolean; news?: boolean; xhtml?: boolean },
): Promise<string> {
  const stream = new SitemapStream({
    level: ErrorLevel.THROW,
    xmlns: {
      image: namespaces.image ?? false,
      news: namespaces.news ?? false,
      video: false,
      xhtml: namespaces.xhtml ?? false,
    },
  });
  return (await streamToPromise(Readable.from(entries.map(toItem)).pipe(stream))).toString('utf8');
}

/** The sitemap index: one <sitemap> per file. */
export async function renderSitemapIndex(files: { url: string; lastmod?: Date }[]): Promise<string> {
  const stream = new SitemapIndexStream({ level: ErrorLevel.THROW });
  const items: IndexItem[] = files.map((f) => ({ url: f.url, ...(f.lastmod && { lastmod: f.lastmod.toISOString() }) }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}
