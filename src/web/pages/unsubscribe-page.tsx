// The page behind every mail's unsubscribe link: what the link stops, and the one button that stops it.
import type { UnsubscribeRequest } from '../../modules/notifications/index.ts';
import { Layout } from '../layout.tsx';
import type { SiteView } from '../site.ts';

const what = (r: UnsubscribeRequest) => (r.target.kind === 'replies' ? 'mail about replies to your comments' : 'the digest of comments waiting for moderation');

/** `action` is the link's own address: the button posts to it. */
export function UnsubscribePage({ site, request, action }: { site: SiteView; request: UnsubscribeRequest; action: string }) {
  return (
    <Layout site={site} title="Unsubscribe">
      <h1>Unsubscribe</h1>
      {request.done ? (
        <p class="form-notice" role="status">Done: {request.label} gets no more {what(request)}.</p>
      ) : (
        <form class="comment-form" method="post" action={action}>
          <p>Stop sending {what(request)} to {request.label}?</p>
          <p class="form-submit"><button type="submit">Unsubscribe</button></p>
        </form>
      )}
      <p><a href="/">Back to the front page</a></p>
    </Layout>
  );
}
