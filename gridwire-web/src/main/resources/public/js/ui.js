// Banners (every error is shown, never a blank page), confirmation dialog, small widgets.
import { h } from './dom.js';

const banners = () => document.getElementById('banners');

/** Shows a banner; kind is 'error', 'warn' or 'info'. Same key replaces; returns a remover. */
export function banner(message, kind = 'error', key = message) {
  const host = banners();
  const existing = [...host.children].find((b) => b.dataset.key === key);
  if (existing) existing.remove();
  const el = h('div', { class: `banner ${kind}`, dataset: { key } },
    h('span', { class: 'msg' }, message),
    h('button', { class: 'link close', 'aria-label': 'Dismiss', onclick: () => el.remove() }, '×'));
  host.append(el);
  if (kind === 'info') setTimeout(() => el.remove(), 6000);
  return () => el.remove();
}

export function clearBanner(key) {
  const b = [...banners().children].find((x) => x.dataset.key === key);
  if (b) b.remove();
}

/** Removes every banner except those whose key is in `keep`. */
export function clearBanners(keep = []) {
  for (const b of [...banners().children]) if (!keep.includes(b.dataset.key)) b.remove();
}

/** Error text for a failed call: the gateway's detail when it gave one. */
export function describe(err) {
  if (!err) return 'unknown error';
  if (err.status !== undefined) {
    const where = err.status ? `HTTP ${err.status} ` : '';
    return `${where}${err.error}${err.detail ? ` — ${err.detail}` : ''}`;
  }
  return err.message || String(err);
}

/** Shows a modal confirmation; resolves true when confirmed. */
export function confirmDialog(title, body, confirmLabel = 'Confirm') {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: 'confirm', id: 'confirm-dialog' },
      h('h3', null, title),
      h('div', { class: 'body' }, body),
      h('div', { class: 'actions' },
        h('button', { id: 'confirm-cancel', onclick: () => done(false) }, 'Cancel'),
        h('button', { id: 'confirm-ok', class: 'danger', onclick: () => done(true) }, confirmLabel)));
    function done(v) {
      dlg.close();
      dlg.remove();
      resolve(v);
    }
    dlg.addEventListener('cancel', () => done(false));
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** A section whose body shows "loading", data, or a visible error / unavailability note. */
export function section(title, id) {
  const body = h('div', { class: 'section-body' }, h('p', { class: 'muted' }, 'Loading…'));
  const el = h('section', { class: 'card', id }, h('h2', null, title), body);
  return { el, body };
}

/** A plain table from rows and column definitions [{label, get(row), class?}]. */
export function table(rows, columns, empty = 'Nothing yet.') {
  if (!rows || rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h('table', { class: 'grid' },
    h('thead', null, h('tr', null, columns.map((c) => h('th', null, c.label)))),
    h('tbody', null, rows.map((r) => h('tr', null, columns.map((c) => {
      const v = c.get(r);
      return h('td', { class: typeof c.cls === 'function' ? c.cls(r) : c.cls }, v instanceof Node ? v : (v ?? '—'));
    })))));
}
