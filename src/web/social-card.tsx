// Open Graph and X (Twitter) cards: what a shared link shows on WhatsApp, Facebook, X and the rest.
import type { SiteView } from './site.ts';

export interface CardImage {
  /** Absolute. */
  url: string;
  width?: number | null;
  height?: number | null;
  alt: string;
}

export interface SocialCard {
  type: 'article' | 'website';
  title: string;
  description: string;
  /** Absolute address of the page. */
  url: string;
  image?: CardImage | null;
  article?: {
    publishedTime: Date;
    modifiedTime: Date;
    section?: string;
    tags: string[];
    /** Absolute addresses of the authors' pages. */
    authors: string[];
  };
}

/** "es-CU" as Open Graph writes a locale ("es_CU"); a bare language has no territory to name. */
const ogLocale = (language: string) =>
  /^[a-z]{2,3}-[A-Za-z]{2}$/.test(language) ? language.replace('-', '_') : undefined;

export function SocialMeta({ site, card }: { site: SiteView; card: SocialCard }) {
  const image = card.image;
  const locale = ogLocale(site.settings.language);
  return (
    <>
      <meta property="og:type" content={card.type} />
      <meta property="og:site_name" content={site.settings.name} />
      <meta property="og:title" content={card.title} />
      <meta property="og:description" content={card.description} />
      <meta property="og:url" content={card.url} />
      {locale && <meta property="og:locale" content={locale} />}
      {image && <meta property="og:image" content={image.url} />}
      {image?.width && <meta property="og:image:width" content={String(image.width)} />}
      {image?.height && <meta property="og:image:height" content={String(image.height)} />}
      {image && <meta property="og:image:alt" content={image.alt} />}
      {card.article && (
        <>
          <meta property="article:published_time" content={card.article.publishedTime.toISOString()} />
          <meta property="article:modified_time" content={card.article.modifiedTime.toISOString()} />
          {card.article.section && <meta property="article:section" content={card.article.section} />}
          {card.article.tags.map((t) => (
            <meta property="article:tag" content={t} />
          ))}
          {card.article.authors.map((a) => (
            <meta property="article:author" content={a} />
          ))}
        </>
      )}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={card.title} />
      <meta name="twitter:description" content={card.description} />
      {image && <meta name="twitter:image" content={image.url} />}
      {image && <meta name="twitter:image:alt" content={image.alt} />}
    </>
  );
}
