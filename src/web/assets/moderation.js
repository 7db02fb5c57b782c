// Keyboard shortcuts for the moderation queue, on top of forms that work without it:
// j/k move between comments, a approves, r moves to the trash, s marks as spam.
(() => {
  const comments = () => Array.from(document.querySelectorAll('[data-comment]'));
  if (comments().length === 0) return;
  const KEY = 'dateline:moderation-position';

  function focusAt(index) {
    const all = comments();
    if (all.length === 0) return;
    const target = all[Math.max(0, Math.min(index, all.length - 1))];
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }

  const current = () => comments().indexOf(document.activeElement && document.activeElement.closest('[data-comment]'));

  // After a decision the page reloads; the next comment now sits where the decided one was.
  const saved = Number(sessionStorage.getItem(KEY));
  sessionStorage.removeItem(KEY);
  focusAt(Number.isInteger(saved) ? saved : 0);

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select, details[open] form'))) return;
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
})();
