// Device tokens (admin): who has one, issued by whom, until when; revoke one (confirmed first).
import { api, get } from '../api.js';
import { h, clear, when } from '../dom.js';
import { confirmDialog, describe } from '../ui.js';

/** Loads the device tokens into `body` (a table with a Revoke button per token). */
export async function loadTokens(body) {
  try {
    const tokens = await get('api/tokens');
    clear(body).append(tokens.length === 0 ? h('p', { class: 'muted empty' }, 'No device token issued.')
      : h('table', { class: 'grid', id: 'token-list' },
        h('thead', null, h('tr', null, ['Device', 'Issued by', 'Issued', 'Expires', ''].map((c) => h('th', null, c)))),
        h('tbody', null, tokens.map((t) => h('tr', { dataset: { id: t.id } },
          h('td', null, t.device_id),
          h('td', null, t.issued_by || '—'),
          h('td', null, when(t.created_at)),
          h('td', { class: t.expired ? 'err' : '' }, t.expires_at ? `${when(t.expires_at)}${t.expired ? ' (expired)' : ''}` : 'never'),
          h('td', null, h('button', { type: 'button', class: 'danger token-revoke', onclick: () => revoke(t, body) }, 'Revoke…')))))));
  } catch (e) {
    if (e.status !== 401) clear(body).append(h('p', { class: 'err' }, `Could not list device tokens: ${describe(e)}`));
  }
}

async function revoke(t, body) {
  const ok = await confirmDialog(`Revoke the token of ${t.device_id}?`,
    h('p', null, 'The device can no longer connect with it (a connection open now stays until it closes).'), 'Revoke');
  if (!ok) return;
  try {
    await api('DELETE', `api/tokens/${encodeURIComponent(t.id)}`);
  } catch (e) {
    body.prepend(h('p', { class: 'err' }, `Not revoked: ${describe(e)}`));
    return;
  }
  await loadTokens(body);
}
