// Enhances the editor when scripts run: a live preview of the body as readers will see it,
// rendered by the server with the same Markdown and sanitizer as on save.
(() => {
  const body = document.getElementById('body');
  const form = body && body.closest('form');
  if (!form) return;
  const token = form.querySelector('input[name="_token"]').value;
  const pane = document.createElement('section');
  pane.className = 'body-preview';
  pane.setAttribute('aria-label', 'Preview of the body');
  pane.setAttribute('aria-live', 'polite');
  const heading = document.createElement('h2');
  heading.textContent = 'Preview';
  const content = document.createElement('div');
  content.className = 'article-body';
  pane.append(heading, content);
  body.closest('.field').after(pane);

  let timer = 0;
  let sent = '';
  async function refresh() {
    if (body.value === sent) return;
    sent = body.value;
    try {
      const response = await fetch('/admin/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ _token: token, body: sent }),
      });
      if (response.ok) content.innerHTML = (await response.json()).html;
    } catch {
      // Offline for a moment: the next keystroke tries again.
      sent = '';
    }
  }
  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  refresh();
})();
