// The desk's shell: who is signed in, where they may go, and the flash of what just happened.
import type { ComponentChildren } from 'preact';
import { ErrorSummary, type FieldIds, type FormProblem } from '../form-errors.tsx';
import type { MessageKey, Translator } from '../../platform/i18n/translator.ts';
import type { SiteView } from '../site.ts';

/** One entry of the desk's menu: its label is a catalogue key, said in the desk's language. */
export interface DeskLink {
  href: string;
  label: MessageKey;
}

/** What every desk page shows around its content. */
export interface DeskChrome {
  site: SiteView;
  /** The desk's words, in the signed-in person's language (the site's until they choose one). */
  i18n: Translator;
  /** The signed-in staff member: their name and the parts of the desk their role opens. Absent on the sign-in pages. */
  user?: { name: string; menu: DeskLink[] };
  /** The session's form token, which every desk form sends back. */
  token?: string;
}

interface DeskLayoutProps {
  chrome: DeskChrome;
  title: string;
  notice?: string;
  /** What a form was refused for, summarized at the top with links to the failing fields named in `fields`. */
  error?: string | FormProblem;
  /** The page's form fields the summary may link to: field name → the id of its control. */
  fields?: FieldIds;
  /** Scripts for this page only, after the desk's own (same-origin, deferred, as the CSP wants). */
  scripts?: string[];
  children: ComponentChildren;
}

export function DeskLayout({ chrome, title, notice, error, fields, scripts = [], children }: DeskLayoutProps) {
  const { site, user, token, i18n } = chrome;
  return (
    <html lang={i18n.language} dir={i18n.dir === 'rtl' ? 'rtl' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{i18n.t('desk.layout.pageTitle', { title, site: site.settings.name })}</title>
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.stylesheet} />
        {user && <script src={site.assets.deskScript} defer />}
        {user && scripts.map((src) => <script src={src} defer />)}
      </head>
      <body class="desk">
        <a class="skip-link" href="#main">
          {i18n.t('desk.layout.skipToContent')}
        </a>
        <header class="desk-bar">
          <a class="desk-home" href="/admin">
            {i18n.t('desk.layout.home', { site: site.settings.name })}
          </a>
          {user && (
            <nav aria-label={i18n.t('desk.layout.nav')}>
              <ul>
                {user.menu.map((link) => (
                  <li>
                    <a href={link.href}>{i18n.t(link.label)}</a>
                  </li>
                ))}
                <li>
                  <a href="/admin/account">{user.name}</a>
                </li>
                <li>
                  <a href="/">{i18n.t('desk.layout.viewSite')}</a>
                </li>
                <li>
                  <form method="post" action="/admin/sign-out" class="inline-form">
                    <input type="hidden" name="_token" value={token} />
                    <button type="submit" class="link-button">
                      {i18n.t('desk.layout.signOut')}
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="desk-main">
          <h1>{title}</h1>
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          <ErrorSummary problem={error} ids={fields} title={i18n.t('form.problem')} />
          {children}
        </main>
      </body>
    </html>
  );
}

/** The hidden field every desk form carries. */
export const FormToken = ({ token }: { token?: string }) => <input type="hidden" name="_token" value={token ?? ''} />;
