// The desk's front page: the lead and the top stories in their order, moved with buttons (no script needed) or
// dragged (with scripts), and the newest stories that follow them, any of which can be placed.
import type { Article } from '../../modules/articles/index.ts';
import { articlePath, formatDate, type SiteView } from '../site.ts';
import { type DeskChrome, DeskLayout, FormToken } from './desk-layout.tsx';

export interface FrontPageDeskProps {
  chrome: DeskChrome;
  placed: Article[];
  arrangement: string;
  following: Article[];
  max: number;
  notice?: string;
  error?: string;
}

/** Why readers do not see a placed story now, if they do not. */
function offSite(site: SiteView, a: Article): string | undefined {
  if (a.status === 'scheduled' && a.publishedAt)
    return `Scheduled: leads from ${formatDate(site, a.publishedAt, true)}; until then the next story takes its place.`;
  if (a.status !== 'published')
    return `Not on the site (${a.status === 'trash' ? 'in the trash' : a.status}): readers skip it.`;
  return undefined;
}

const Move = ({ a, move, label, disabled }: { a: Article; move: string; label: string; disabled?: boolean }) => (
  <button
    type="submit"
    name="move"
    value={`${move}:${a.id}`}
    class="secondary"
    disabled={disabled}
    aria-label={`${label}: ${a.headline}`}
  >
    {label}
  </button>
);

export function FrontPageDeskPage({ chrome, placed, arrangement, following, max, notice, error }: FrontPageDeskProps) {
  const { site, token } = chrome;
  const full = placed.length >= max;
  return (
    <DeskLayout
      chrome={chrome}
      title="Front page"
      notice={notice}
      error={error}
      scripts={[site.assets.frontPageScript]}
    >
      <p>
        The lead story opens the front page, then the top stories in this order; the rest follow newest first. Changes
        show on the site at once. <a href="/">See the front page</a>
      </p>
      <form method="post" action="/admin/front-page" class="front-page-desk" id="front-page-form">
        <FormToken token={token} />
        <input type="hidden" name="arrangement" value={arrangement} />
        <h2 id="top-stories">Lead and top stories</h2>
        {placed.length === 0 ? (
          <p>No story is placed: the front page is newest first.</p>
        ) : (
          <ol class="front-order" aria-labelledby="top-stories" data-sortable="true">
            {placed.map((a, i) => {
              const note = offSite(site, a);
              return (
                <li class="front-slot" data-id={a.id}>
                  <input type="hidden" name="order" value={a.id} />
                  <span class="front-place">{i === 0 ? 'Lead' : `${i + 1}.`}</span>{' '}
                  <a href={`/admin/articles/${a.id}/edit`} class="front-headline">
                    {a.headline}
                  </a>
                  {note && <small class="front-note"> {note}</small>}
                  <span class="front-moves">
                    {i > 0 && <Move a={a} move="lead" label="Make lead" />}
                    <Move a={a} move="up" label="Up" disabled={i === 0} />
                    <Move a={a} move="down" label="Down" disabled={i === placed.length - 1} />
                    <Move a={a} move="remove" label="Remove" />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <button type="submit" name="move" value="order" class="front-save-order" hidden>
          Save this order
        </button>
        <h2>Following, newest first</h2>
        {full && <p>The front page holds at most {max} top stories: remove one to place another.</p>}
        {following.length === 0 ? (
          <p>No other published story.</p>
        ) : (
          <ul class="front-following">
            {following.map((a) => (
              <li>
                <a href={articlePath(a.slug)}>{a.headline}</a>{' '}
                {a.publishedAt && (
                  <small>
                    <time datetime={a.publishedAt.toISOString()}>{formatDate(site, a.publishedAt, true)}</time>
                  </small>
                )}
                {!full && (
                  <span class="front-moves">
                    <Move a={a} move="lead" label="Make lead" />
                    <Move a={a} move="add" label="Add to top stories" />
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </form>
    </DeskLayout>
  );
}
