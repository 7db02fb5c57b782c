// The page behind every mail's unsubscribe link: what the link stops, and the one button that stops it.
import type { UnsubscribeRequest } from '../../modules/notifications/index.ts';
import { Layout } from '../layout.tsx';
import type { SiteView } from '../site.ts';

/** `action` is the link's own address: the button posts to it. */
export function UnsubscribePage({
  site,
  request,
  action,
}: {
  site: SiteView;
  request: UnsubscribeRequest;
  action: string;
}) {
  return (
    <Layout site={site} title={site.i18n.t('unsubscribe.title')}>
      <h1>{site.i18n.t('unsubscribe.title')}</h1>
      {request.done ? (
        <p class="form-notice" role="status">
          {site.i18n.t('unsubscribe.done', { label: request.label, kind: request.target.kind })}
        </p>
      ) : (
        <form class="comment-form" method="post" action={action}>
          <p>{site.i18n.t('unsubscribe.ask', { label: request.label, kind: request.target.kind })}</p>
          <p class="form-submit">
            <button type="submit">{site.i18n.t('unsubscribe.button')}</button>
          </p>
        </form>
      )}
      <p>
        <a href="/">{site.i18n.t('error.backHome')}</a>
      </p>
    </Layout>
  );
}
