// Enhances the moderation queue, on top of forms and links that work without it:
// keyboard shortcuts (j/k move between comments, a approves, r moves to the trash, s marks as spam), and
// a watch on the queues: every 15 seconds, and whenever the tab is shown again, it asks the server for the
// counts of every queue and updates the tabs, and says when new comments arrived, without touching what
// the moderator has selected, typed or focused.
(() => {
  const queue = document.getElementById('queue');
  if (!queue) return;
  const comments = () => Array.from(document.querySelectorAll('[data-comment]'));
  const KEY = 'dateline:moderation-position';
  const POLL_MS = 15000;

  function focusAt(index) {
    const all = comments();
    if (all.length === 0) return;
    const target = all[Math.max(0, Math.min(index, all.length - 1))];
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }

  const current = () => comments().indexOf(document.activeElement?.closest('[data-comment]'));

  if (comments().length > 0) {
    // After a decision the page reloads; the next comment now sits where the decided one was.
    const saved = Number(sessionStorage.getItem(KEY));
    sessionStorage.removeItem(KEY);
    focusAt(Number.isInteger(saved) ? saved : 0);
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (
      target instanceof HTMLElement &&
      (target.isContentEditable || target.closest('input, textarea, select, details[open] form'))
    )
      return;
    const index = current();
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      focusAt(index < 0 ? 0 : index + (event.key === 'j' ? 1 : -1));
      return;
    }
    if (index < 0) return;
    const button = comments()[index].querySelector(`.mod-actions button[data-key="${event.key}"]`);
    if (!button) return;
    event.preventDefault();
    sessionStorage.setItem(KEY, String(index));
    button.form.requestSubmit(button);
  });

  const news = queue.querySelector('.queue-news');
  const countsUrl = queue.dataset.countsUrl;
  const firstPage = queue.dataset.currentPage === '1';
  let busy = false;

  let announced = 0;
  function showNews(fresh) {
    // Same news again: leave the live region alone so it is not read out every round.
    if (fresh === announced) return;
    announced = fresh;
    news.textContent = '';
    if (fresh === 0) return;
    // The words are the page's (data-news: one wording per plural category of the desk's language).
    const lang = document.documentElement.lang || 'en';
    const wordings = JSON.parse(queue.dataset.news || '{}');
    const wording = wordings[new Intl.PluralRules(lang).select(fresh)] || wordings.other || '{n}';
    news.append(wording.replace('{n}', fresh.toLocaleString(lang)));
    const link = document.createElement('a');
    link.href = queue.dataset.firstUrl || `/admin/moderation?queue=${encodeURIComponent(queue.dataset.currentQueue)}`;
    link.textContent = queue.dataset.newsShow || '';
    news.append(link);
  }

  async function refresh() {
    if (busy || document.visibilityState === 'hidden') return;
    busy = true;
    try {
      const response = await fetch(countsUrl, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok || !(response.headers.get('content-type') || '').includes('application/json')) return;
      const data = await response.json();
      for (const [name, count] of Object.entries(data.counts)) {
        const badge = queue.querySelector(`[data-queue="${name}"] .count`);
        const text = count > data.countCap ? queue.dataset.countOver : String(count);
        if (badge && badge.textContent !== text) badge.textContent = text;
      }
      // Only the first page grows with new comments; on later pages the same ids merely shift.
      if (firstPage) {
        const shown = new Set(comments().map((c) => c.dataset.comment));
        showNews(data.ids.filter((id) => !shown.has(id)).length);
      }
    } catch {
      // Offline for a moment: the next round tries again.
    } finally {
      busy = false;
    }
  }

  setInterval(refresh, POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refresh();
  });
})();
