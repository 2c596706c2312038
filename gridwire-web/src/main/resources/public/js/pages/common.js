// Shared by the connector pages: load a route into a section, with "not enabled" for 404.
import { get, session } from '../api.js';
import { h, clear } from '../dom.js';
import { describe } from '../ui.js';

/**
 * Loads `path` and renders it with `render(data)` into `body`. A 404 "no route" means the connector
 * (or route) is not part of this gateway: shown as a note, not an error. Other errors are shown in
 * place. Resolves with the data or null.
 */
export async function fill(body, path, render, missing = 'Not available on this gateway.') {
  try {
    const data = await get(path);
    clear(body).append(render(data));
    return data;
  } catch (e) {
    if (e.status === 401) return null;
    if (e.status === 404) clear(body).append(h('p', { class: 'muted notice unavailable' }, missing, h('br'), h('small', null, describe(e))));
    else clear(body).append(h('p', { class: 'err' }, `Could not load: ${describe(e)}`));
    return null;
  }
}

/** Runs `fn` now and every `ms` while the page is shown; returns a stopper. */
export function every(ms, fn) {
  fn();
  const t = setInterval(fn, ms);
  return () => clearInterval(t);
}

/** A note shown to non-admins above admin-only controls. */
export function adminOnly(isAdmin) {
  return isAdmin ? null : h('p', { class: 'notice admin-only' }, `Admin only: you are signed in as ${article(session.role)}, so these controls are disabled.`);
}

/** A note shown to viewers above command controls (operators and admins command). */
export function operatorOnly(canCommand) {
  return canCommand ? null : h('p', { class: 'notice admin-only' }, 'Operators and admins only: you are signed in as a viewer, so these commands are disabled.');
}

function article(role) {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}
