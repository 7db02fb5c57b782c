// The HTML inside a feed entry: what a feed reader shows of an article (its picture, updates, dateline, body and
// wire credit) or of a comment. Addresses are made absolute by the caller.
import { render } from 'preact-render-to-string';
import type { Article } from '../modules/articles/index.ts';
import type { ArticleUpdate } from '../modules/updates/index.ts';
import type { Translator } from '../platform/i18n/translator.ts';
import { bodyWithDateline, datelineText } from './article-body.tsx';

interface ArticleEntryProps {
  article: Article;
  updates: ArticleUpdate[];
  /** Absolute address of the article, for the "continue reading" link of an excerpt. */
  url: string;
  fullText: boolean;
  /** The feed's language: its words, and times as the newsroom writes them. */
  i18n: Translator;
}

function ArticleEntry({ article, updates, url, fullText, i18n }: ArticleEntryProps) {
  const image = article.featuredImage;
  return (
    <>
      {updates.length > 0 && (
        <ul>
          {updates.map((u) => (
            <li>
              <strong>{i18n.t(u.kind === 'correction' ? 'updates.correction' : 'updates.update')}</strong> (
              {i18n.date(u.createdAt, true)}): {u.note}
            </li>
          ))}
        </ul>
      )}
      {image && (
        <figure>
          <img src={image.url} alt={image.alt} width={image.width ?? undefined} height={image.height ?? undefined} />
          {(image.caption || image.credit) && (
            <figcaption>
              {image.caption}
              {image.credit && (
                <>
                  {' '}
                  <small>{image.credit}</small>
                </>
              )}
            </figcaption>
          )}
        </figure>
      )}
      {fullText ? (
        <div dangerouslySetInnerHTML={{ __html: bodyWithDateline(article) }} />
      ) : (
        <p>
          {article.dateline && <>{datelineText(article.dateline)} – </>}
          {article.excerpt}
        </p>
      )}
      {article.sourceCredit && <p>{i18n.t('feed.source', { credit: article.sourceCredit })}</p>}
      {!fullText && (
        <p>
          <a href={url}>{i18n.t('feed.continue', { headline: article.headline })}</a>
        </p>
      )}
    </>
  );
}

/** The entry HTML of an article: full text, or the excerpt and a link. */
export const articleEntryHtml = (props: ArticleEntryProps): string => render(<ArticleEntry {...props} />);
