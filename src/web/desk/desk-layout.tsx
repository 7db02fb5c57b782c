// The desk's shell: who is signed in, where to go, and the flash of what just happened.
import type { ComponentChildren } from 'preact';
import type { Session } from '../../modules/sessions/index.ts';
import { can } from '../../modules/permissions/index.ts';
import type { SiteView } from '../site.ts';

interface DeskLayoutProps {
  site: SiteView;
  title: string;
  session?: Session;
  token?: string;
  notice?: string;
  error?: string;
  /** Scripts for this page only, after the desk's own (same-origin, deferred, as the CSP wants). */
  scripts?: string[];
  children: ComponentChildren;
}

export function DeskLayout({ site, title, session, token, notice, error, scripts = [], children }: DeskLayoutProps) {
  return (
    <html lang={site.settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} – ${site.settings.name} desk`}</title>
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.stylesheet} />
        {session && <script src={site.assets.deskScript} defer />}
        {session && scripts.map((src) => <script src={src} defer />)}
      </head>
      <body class="desk">
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="desk-bar">
          <a class="desk-home" href="/admin">{site.settings.name} · desk</a>
          {session && (
            <nav aria-label="Desk">
              <ul>
                {can(session.staff, 'article.create') && <li><a href="/admin/articles">Articles</a></li>}
                {can(session.staff, 'article.create') && <li><a href="/admin/articles/new">New article</a></li>}
                {can(session.staff, 'article.create') && <li><a href="/admin/media">Media</a></li>}
                {can(session.staff, 'comment.moderate') && <li><a href="/admin/moderation">Moderation</a></li>}
                {can(session.staff, 'users.manage') && <li><a href="/admin/people">People</a></li>}
                {can(session.staff, 'sections.manage') && <li><a href="/admin/sections">Sections</a></li>}
                {can(session.staff, 'settings.manage') && <li><a href="/admin/settings">Settings</a></li>}
                {can(session.staff, 'users.manage') && <li><a href="/admin/audit">Audit log</a></li>}
                {can(session.staff, 'site.import') && <li><a href="/admin/import">Import</a></li>}
                <li><a href="/admin/account">{session.staff.name}</a></li>
                <li><a href="/">View site</a></li>
                <li>
                  <form method="post" action="/admin/sign-out" class="inline-form">
                    <input type="hidden" name="_token" value={token} />
                    <button type="submit" class="link-button">Sign out</button>
                  </form>
                </li>
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="desk-main">
          <h1>{title}</h1>
          {notice && <p class="notice" role="status">{notice}</p>}
          {error && <p class="form-error" role="alert">{error}</p>}
          {children}
        </main>
      </body>
    </html>
  );
}

/** The hidden field every desk form carries. */
export const FormToken = ({ token }: { token?: string }) => <input type="hidden" name="_token" value={token ?? ''} />;
