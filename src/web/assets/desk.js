// The words these scripts show come from the page (data attributes the server wrote in the desk's language), so the
// scripts carry no catalogue.

// Enhances the editor when scripts run: a live preview of the body as readers will see it,
// rendered by the server with the same Markdown and sanitizer as on save.
(() => {
  const body = document.getElementById('body');
  const form = body?.closest('form');
  if (!form) return;
  const words = form.dataset;
  const token = form.querySelector('input[name="_token"]').value;
  const pane = document.createElement('section');
  pane.className = 'body-preview';
  pane.setAttribute('aria-label', words.previewLabel || '');
  pane.setAttribute('aria-live', 'polite');
  const heading = document.createElement('h2');
  heading.textContent = words.previewHeading || '';
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

// The editor's photos, when scripts run: a photo dropped on the upload area or pasted into the body goes into the
// file field (then "Upload photo" or a save sends it), and "Put in the body" puts the photo line at the cursor.
(() => {
  const form = document.querySelector('form.article-form');
  const file = form?.querySelector('#photoFile');
  if (!file) return;
  const body = form.querySelector('#body');
  const area = form.querySelector('.photo-drop');
  const status = document.createElement('p');
  status.className = 'autosave-state';
  status.setAttribute('aria-live', 'polite');
  area.append(status);
  const take = (files, use) => {
    const photo = [...files].find((f) => /^image\/(jpeg|png|webp|avif)$/.test(f.type));
    if (!photo) return false;
    const list = new DataTransfer();
    list.items.add(photo);
    file.files = list.files;
    const radio = form.querySelector(`input[name="photoUse"][value="${use}"]`);
    if (radio) radio.checked = true;
    status.textContent = (area.dataset.ready || '').replace('{name}', photo.name || area.dataset.pasted || '');
    form.querySelector('#photoAlt').focus();
    return true;
  };
  area.addEventListener('dragover', (e) => {
    e.preventDefault();
    area.classList.add('dragging');
  });
  area.addEventListener('dragleave', () => area.classList.remove('dragging'));
  area.addEventListener('drop', (e) => {
    e.preventDefault();
    area.classList.remove('dragging');
    take(e.dataTransfer.files, form.querySelector('input[name="photoUse"]:checked')?.value || 'featured');
  });
  body.addEventListener('paste', (e) => {
    if (e.clipboardData?.files.length && take(e.clipboardData.files, 'body')) e.preventDefault();
  });
  form.addEventListener('click', (e) => {
    const button = e.target.closest('button.insert-photo');
    if (!button) return;
    e.preventDefault();
    const line = button.dataset.photoLine;
    const at = body.selectionEnd ?? body.value.length;
    const before = body.value.slice(0, at).replace(/\s*$/, '');
    const after = body.value.slice(at).replace(/^\s*/, '');
    body.value = `${before}${before ? '\n\n' : ''}${line}\n\n${after}`;
    body.dispatchEvent(new Event('input', { bubbles: true }));
    body.focus();
  });
})();

// Autosave, when scripts run: every few seconds the text goes to the person's own slot (not the article, so it never
// meets the version check); leaving with unsaved changes asks first. Saving the article empties the slot on the server.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const token = form.querySelector('input[name="_token"]').value;
  const names = ['headline', 'subheadline', 'body', 'excerpt', 'dateline'];
  const snapshot = () =>
    JSON.stringify(Object.fromEntries(names.map((n) => [n, form.elements[n] ? form.elements[n].value : ''])));
  const opened = snapshot();
  let kept = form.dataset.unsaved ? '' : opened;
  let submitting = false;
  const state = document.createElement('p');
  state.className = 'autosave-state';
  state.setAttribute('aria-live', 'polite');
  form.querySelector('.actions').append(state);
  async function keep() {
    const now = snapshot();
    if (now === kept || submitting) return;
    try {
      const response = await fetch('/admin/autosave', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ _token: token, article: form.dataset.autosave, ...JSON.parse(now) }),
      });
      if (!response.ok) return;
      kept = now;
      const at = new Date((await response.json()).savedAt);
      const time = at.toLocaleTimeString(document.documentElement.lang || [], { hour: '2-digit', minute: '2-digit' });
      state.textContent = (form.dataset.autosaveKept || '').replace('{time}', time);
    } catch {
      // Offline for a moment: the next round tries again.
    }
  }
  setInterval(keep, 3000);
  if (form.dataset.unsaved) keep();
  form.addEventListener('submit', () => (submitting = true));
  window.addEventListener('beforeunload', (e) => {
    if (submitting || (snapshot() === opened && !form.dataset.unsaved)) return;
    e.preventDefault();
    e.returnValue = '';
  });
})();
