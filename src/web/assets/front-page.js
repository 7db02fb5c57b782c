// Enhances the front page desk when scripts run: drag a top story to its new place; the new order is saved
// at once through the same form the Up and Down buttons use.
(() => {
  const list = document.querySelector('.front-order[data-sortable]');
  const form = list?.closest('form');
  const save = form?.querySelector('.front-save-order');
  if (!save) return;
  let dragged = null;
  for (const item of list.querySelectorAll('.front-slot')) {
    item.draggable = true;
    item.classList.add('draggable');
    item.addEventListener('dragstart', (event) => {
      dragged = item;
      item.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', item.dataset.id);
    });
    item.addEventListener('dragend', () => {
      item.classList.remove('dragging');
      dragged = null;
    });
  }
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest('.front-slot');
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  });
  list.addEventListener('drop', (event) => {
    if (!dragged) return;
    event.preventDefault();
    // The hidden order fields moved with their stories: the form now names the new order.
    form.requestSubmit(save);
  });
  const hint = document.createElement('p');
  hint.className = 'front-hint';
  // The words come from the page, in the desk's language.
  hint.textContent = list.dataset.hint || '';
  list.before(hint);
})();
