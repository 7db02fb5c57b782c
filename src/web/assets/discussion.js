// Enhances the discussion when scripts run: Reply moves the form under the comment, and posting
// happens without a page reload. Without this file everything still works through plain links and forms.
// It also tells the server how long the reader took to write (typingMs): the page is cached and the same for
// everyone, so the time is measured here, from first touching the form to sending it, on the reader's own clock.
(() => {
  const respond = document.getElementById('respond');
  const form = respond?.querySelector('form');
  if (!form) return;
  const parentInput = form.querySelector('input[name="parentId"]');
  const title = document.getElementById('respond-title');
  const home = respond.parentNode;
  const homeNext = respond.nextSibling;
  // The words come from the page, in its language.
  const words = form.dataset;
  const defaultTitle = words.leave;

  const typing = document.createElement('input');
  typing.type = 'hidden';
  typing.name = 'typingMs';
  form.append(typing);
  const loadedAt = performance.now();
  let firstTouch;
  form.addEventListener('focusin', () => {
    if (firstTouch === undefined) firstTouch = performance.now();
  });

  // Returning readers: name, email and website kept in this browser's storage when they ask, filled in here (the
  // page itself is the same for everyone). Fields the page already holds (a form shown again) are left alone.
  const STORE = 'dateline:commenter';
  const remember = form.querySelector('input[name="remember"]');
  const fields = ['name', 'email', 'website']
    .map((name) => form.querySelector(`input[name="${name}"]`))
    .filter(Boolean);
  const storage = (() => {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  })();
  if (remember && storage) {
    remember.closest('.remember-field').hidden = false;
    let saved;
    try {
      saved = JSON.parse(storage.getItem(STORE) || 'null');
    } catch {
      saved = null;
    }
    if (saved && typeof saved === 'object') {
      for (const input of fields)
        if (!input.value && typeof saved[input.name] === 'string') input.value = saved[input.name];
      remember.checked = true;
    }
  }
  function keepOrForget() {
    if (!remember || !storage) return;
    try {
      if (remember.checked)
        storage.setItem(STORE, JSON.stringify(Object.fromEntries(fields.map((input) => [input.name, input.value]))));
      else storage.removeItem(STORE);
    } catch {
      // Storage full or refused: the comment is still sent.
    }
  }

  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'cancel-reply-js';
  cancel.textContent = words.cancelReply;
  cancel.hidden = true;
  title.after(cancel);

  function moveTo(comment) {
    parentInput.value = comment.id.replace(/^comment-/, '');
    title.textContent = words.replyTo.replace('{name}', comment.querySelector('.comment-author').textContent);
    comment.querySelector(':scope > article').after(respond);
    cancel.hidden = false;
    form.querySelector('textarea').focus();
  }
  function reset() {
    parentInput.value = '';
    title.textContent = defaultTitle;
    home.insertBefore(respond, homeNext);
    cancel.hidden = true;
  }
  cancel.addEventListener('click', reset);
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.reply-link');
    if (!link) return;
    event.preventDefault();
    moveTo(link.closest('li.comment'));
  });

  function showMessage(className, role, message) {
    for (const old of respond.querySelectorAll('.form-error, .form-notice')) old.remove();
    const box = document.createElement('p');
    box.className = className;
    box.setAttribute('role', role);
    box.textContent = message;
    form.before(box);
  }
  const showError = (message) => showMessage('form-error', 'alert', message);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    keepOrForget();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    typing.value = String(Math.round(performance.now() - (firstTouch === undefined ? loadedAt : firstTouch)));
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
      });
      const data = await response.json();
      if (!response.ok) {
        showError(data.error ? data.error.message : words.failed);
        return;
      }
      for (const old of respond.querySelectorAll('.form-error, .form-notice')) old.remove();
      if (!data.html) {
        form.querySelector('textarea').value = '';
        showMessage('form-notice', 'status', data.notice || words.held);
      } else {
        const holder = document.createElement('ol');
        holder.innerHTML = data.html;
        const item = holder.firstElementChild;
        const parent = data.parentId && document.getElementById(`comment-${data.parentId}`);
        let list = parent
          ? parent.querySelector(':scope > ol.children')
          : document.querySelector('#comments > ol.comment-list');
        if (!list) {
          list = document.createElement('ol');
          list.className = parent ? 'children' : 'comment-list';
          if (parent) parent.append(list);
          else document.getElementById('comments-title').after(list);
        }
        list.append(item);
        if (data.heading) document.getElementById('comments-title').textContent = data.heading;
        form.querySelector('textarea').value = '';
        reset();
        // A comment held for a moderator appears to its poster in place, marked, with the word on the form too.
        if (data.notice) showMessage('form-notice', 'status', data.notice);
        item.scrollIntoView({ block: 'center' });
        location.hash = data.anchor;
      }
    } catch {
      showError(words.offline);
    } finally {
      button.disabled = false;
    }
  });
})();
