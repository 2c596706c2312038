import { login, session } from '../api.js';
import { h } from '../dom.js';
import { describe, clearBanners } from '../ui.js';

export function mount(view, args) {
  const next = args[0] && args[0].startsWith('#/') && !args[0].startsWith('#/login') ? args[0] : '#/devices';
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: true });
  const email = h('input', { id: 'email', type: 'email', name: 'email', autocomplete: 'username', required: true, value: session.email || '' });
  const password = h('input', { id: 'password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { id: 'sign-in', type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', null, '⚡ Gridwire'),
    h('p', { class: 'muted' }, 'Sign in to watch and steer your devices.'),
    h('label', null, 'Email', email),
    h('label', null, 'Password', password),
    error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      await login(email.value.trim(), password.value);
      clearBanners();
      location.hash = next;
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong email or password.' : describe(err);
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  });
  view.append(h('div', { class: 'login-wrap' }, form));
  (email.value ? password : email).focus();
}
