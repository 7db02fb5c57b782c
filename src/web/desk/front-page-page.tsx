// The desk's front page: the lead and the top stories in their order, moved with buttons (no script needed) or
// dragged (with scripts), and the newest stories that follow them, any of which can be placed.
import type { Article } from '../../modules/articles/index.ts';
import type { Translator } from '../../platform/i18n/translator.ts';
import { articlePath } from '../site.ts';
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
function offSite(i18n: Translator, a: Article): string | undefined {
  if (a.status === 'scheduled' && a.publishedAt)
    return i18n.t('desk.front.scheduled', { date: i18n.date(a.publishedAt, true) });
  if (a.status !== 'published') return i18n.t('desk.front.offSite', { status: a.status });
  return undefined;
}

const Move = ({
  i18n,
  a,
  move,
  label,
  disabled,
}: {
  i18n: Translator;
  a: Article;
  move: string;
  label: string;
  disabled?: boolean;
}) => (
  <button
    type="submit"
    name="move"
    value={`${move}:${a.id}`}
    class="secondary"
    disabled={disabled}
    aria-label={i18n.t('desk.front.moveLabel', { move: label, headline: a.headline })}
  >
    {label}
  </button>
);

export function FrontPageDeskPage({ chrome, placed, arrangement, following, max, notice, error }: FrontPageDeskProps) {
  const { site, token, i18n } = chrome;
  const full = placed.length >= max;
  return (
    <DeskLayout
      chrome={chrome}
      title={i18n.t('desk.front.title')}
      notice={notice}
      error={error}
      scripts={[site.assets.frontPageScript]}
    >
      <p>
        {i18n.t('desk.front.intro')} <a href="/">{i18n.t('desk.front.see')}</a>
      </p>
      <form method="post" action="/admin/front-page" class="front-page-desk" id="front-page-form">
        <FormToken token={token} />
        <input type="hidden" name="arrangement" value={arrangement} />
        <h2 id="top-stories">{i18n.t('desk.front.placed')}</h2>
        {placed.length === 0 ? (
          <p>{i18n.t('desk.front.nonePlaced')}</p>
        ) : (
          <ol
            class="front-order"
            aria-labelledby="top-stories"
            data-sortable="true"
            data-hint={i18n.t('desk.front.dragHint')}
          >
            {placed.map((a, i) => {
              const note = offSite(i18n, a);
              return (
                <li class="front-slot" data-id={a.id}>
                  <input type="hidden" name="order" value={a.id} />
                  <span class="front-place">{i === 0 ? i18n.t('desk.front.lead') : `${i18n.number(i + 1)}.`}</span>{' '}
                  <a href={`/admin/articles/${a.id}/edit`} class="front-headline">
                    {a.headline}
                  </a>
                  {note && <small class="front-note"> {note}</small>}
                  <span class="front-moves">
                    {i > 0 && <Move i18n={i18n} a={a} move="lead" label={i18n.t('desk.front.makeLead')} />}
                    <Move i18n={i18n} a={a} move="up" label={i18n.t('desk.front.up')} disabled={i === 0} />
                    <Move
                      i18n={i18n}
                      a={a}
                      move="down"
                      label={i18n.t('desk.front.down')}
                      disabled={i === placed.length - 1}
                    />
                    <Move i18n={i18n} a={a} move="remove" label={i18n.t('desk.front.remove')} />
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <button type="submit" name="move" value="order" class="front-save-order" hidden>
          {i18n.t('desk.front.saveOrder')}
        </button>
        <h2>{i18n.t('desk.front.following')}</h2>
        {full && <p>{i18n.t('desk.front.full', { max })}</p>}
        {following.length === 0 ? (
          <p>{i18n.t('desk.front.noOther')}</p>
        ) : (
          <ul class="front-following">
            {following.map((a) => (
              <li>
                <a href={articlePath(a.slug)}>{a.headline}</a>{' '}
                {a.publishedAt && (
                  <small>
                    <time datetime={a.publishedAt.toISOString()}>{i18n.date(a.publishedAt, true)}</time>
                  </small>
                )}
                {!full && (
                  <span class="front-moves">
                    <Move i18n={i18n} a={a} move="lead" label={i18n.t('desk.front.makeLead')} />
                    <Move i18n={i18n} a={a} move="add" label={i18n.t('desk.front.add')} />
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
