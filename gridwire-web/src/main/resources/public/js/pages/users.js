// Users and roles (admin): list, add, change role, reset password, remove — every change that
// takes something away asks first. Operators and viewers get a note, and the API answers them 403 anyway.
import { api, get, post, session } from '../api.js';
import { h, clear, when } from '../dom.js';
import { section, confirmDialog, describe, banner, clearBanner } from '../ui.js';

const ROLES = ['viewer', 'operator', 'admin'];
/** What each role may do (docs/roles.md), said when a role is changed. */
const ROLE_SAYS = {
  admin: 'Admins send commands, change devices, profiles and tokens, and manage users.',
  operator: 'Operators send commands (ledger, device messages, Modbus writes) and acknowledge alarms; they change nothing else.',
  viewer: 'Viewers only read.',
};

/** The field a 400 names ("field 'password': ..."), or null. */
export function fieldOf(err) {
  const m = /^field '([a-z_]+)'/.exec(err?.detail || '');
  return m ? m[1] : null;
}

export async function mount(view) {
  view.append(h('div', { class: 'toolbar page-head' }, h('h1', null, 'Users')));
  if (!session.isAdmin) {
    view.append(h('div', { class: 'card', id: 'users-forbidden' }, h('p', { class: 'notice admin-only' },
      `Only admins manage users. You are signed in as ${session.role === 'operator' ? 'an operator' : 'a viewer'}.`)));
    return;
  }
  const list = section('Users and roles', 'users-list');
  const add = section('Add a user', 'users-add');
  view.append(list.el, add.el);
  const form = addForm(() => load());
  clear(add.body).append(form);

  async function load() {
    try {
      const users = await get('api/users');
      clear(list.body).append(usersTable(users, load));
      clearBanner('users-load');
    } catch (e) {
      if (e.status === 401) return;
      clear(list.body).append(h('p', { class: 'err' }, `Could not load users: ${describe(e)}`));
      banner(`Could not load users: ${describe(e)}`, 'error', 'users-load');
    }
  }
  await load();
}

function usersTable(users, reload) {
  return h('table', { class: 'grid users', id: 'users-table' },
    h('thead', null, h('tr', null, ['Email', 'Role', 'Created', ''].map((c) => h('th', null, c)))),
    h('tbody', null, users.map((u) => userRow(u, reload))));
}

function userRow(u, reload) {
  const status = h('div', { class: 'row-status', role: 'status' });
  const role = h('select', { class: 'user-role', 'aria-label': `Role of ${u.email}` },
    ROLES.map((r) => h('option', { value: r, selected: r === u.role }, r)));
  role.addEventListener('change', () => changeRole(u, role, status, reload));
  const pw = passwordReset(u, status);
  const remove = h('button', { class: 'danger user-remove', type: 'button', onclick: () => removeUser(u, status, reload) }, 'Remove…');
  const self = u.email === session.email ? h('span', { class: 'muted small' }, ' (you)') : null;
  return h('tr', { dataset: { email: u.email } },
    h('td', { class: 'user-email' }, u.email, self),
    h('td', null, role),
    h('td', { class: 'small' }, when(u.created_at)),
    h('td', { class: 'user-actions' }, h('div', { class: 'row-actions' }, pw.toggle, remove), pw.form, status));
}

function show(status, cls, text) {
  clear(status).append(h('p', { class: cls }, text));
}

async function changeRole(u, select, status, reload) {
  const to = select.value;
  const ok = await confirmDialog(`Make ${u.email} ${to === 'viewer' ? 'a' : 'an'} ${to}?`,
    h('p', null, `${ROLE_SAYS[to]} This takes effect on their next request.`), 'Change role');
  if (!ok) { select.value = u.role; return; }
  try {
    await api('PUT', `api/users/${encodeURIComponent(u.email)}`, { role: to });
    if (u.email === session.email) session.save(session.token, to, session.email);
    await reload();
    if (u.email === session.email && to !== 'admin') location.hash = '#/devices';
  } catch (e) {
    select.value = u.role;
    show(status, 'err', `Role not changed: ${describe(e)}`);
  }
}

function passwordReset(u, status) {
  const input = h('input', { type: 'password', class: 'user-password', autocomplete: 'new-password', minlength: 8,
    'aria-label': `New password for ${u.email}`, placeholder: 'new password (8+ characters)' });
  const form = h('form', { class: 'inline-form reset-form', hidden: true },
    input, h('button', { class: 'primary', type: 'submit' }, 'Set password'),
    h('button', { type: 'button', onclick: () => { form.hidden = true; } }, 'Cancel'));
  const toggle = h('button', { class: 'user-reset', type: 'button', onclick: () => { form.hidden = !form.hidden; if (!form.hidden) input.focus(); } },
    'Reset password');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await confirmDialog(`Set a new password for ${u.email}?`,
      h('p', null, 'Their other sessions end; they sign in with the new password.'), 'Set password');
    if (!ok) return;
    try {
      await api('PUT', `api/users/${encodeURIComponent(u.email)}`, { password: input.value });
      input.value = '';
      form.hidden = true;
      show(status, 'ok', 'Password changed.');
    } catch (err) {
      show(status, 'err', `Password not changed: ${describe(err)}`);
    }
  });
  return { toggle, form };
}

async function removeUser(u, status, reload) {
  const ok = await confirmDialog(`Remove ${u.email}?`, h('div', null,
    h('p', null, 'Their sessions end at once.'),
    h('p', null, 'Device tokens this user issued are revoked too: those devices need new tokens.')), 'Remove');
  if (!ok) return;
  try {
    await api('DELETE', `api/users/${encodeURIComponent(u.email)}`);
    if (u.email === session.email) { session.clear(); location.hash = '#/login'; return; }
    await reload();
  } catch (e) {
    show(status, 'err', `Not removed: ${describe(e)}`);
  }
}

function addForm(reload) {
  const fields = {
    email: h('input', { id: 'user-email', type: 'email', autocomplete: 'off', required: true, placeholder: 'name@example.com' }),
    role: h('select', { id: 'user-role' }, ROLES.map((r) => h('option', { value: r }, r))),
    password: h('input', { id: 'user-password', type: 'password', autocomplete: 'new-password', required: true, placeholder: '8+ characters' }),
  };
  const errors = Object.fromEntries(Object.keys(fields).map((k) => [k, h('span', { class: 'field-error', id: `user-${k}-error` })]));
  const result = h('div', { class: 'result', id: 'user-add-result' });
  const form = h('form', { id: 'user-add-form', class: 'inline-form', novalidate: true },
    ...Object.entries(fields).map(([k, el]) => h('label', null, k[0].toUpperCase() + k.slice(1), el, errors[k])),
    h('button', { id: 'user-add-submit', class: 'primary', type: 'submit' }, 'Add user'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const el of Object.values(errors)) el.textContent = '';
    clear(result);
    try {
      const u = await post('api/users', { email: fields.email.value, role: fields.role.value, password: fields.password.value });
      fields.email.value = '';
      fields.password.value = '';
      result.append(h('p', { class: 'ok', id: 'user-add-status' }, `Added ${u.email} (${u.role}).`));
      await reload();
    } catch (err) {
      const f = fieldOf(err);
      if (f && errors[f]) errors[f].textContent = err.detail.replace(/^field '[a-z_]+':? ?/, '');
      else result.append(h('p', { class: 'err', id: 'user-add-status' }, `Not added: ${describe(err)}`));
    }
  });
  return h('div', null, form, result);
}
