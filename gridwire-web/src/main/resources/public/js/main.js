// Entry point: hash router (#/login, #/devices, #/device/<id>, #/alarms, #/oig, #/modbus, #/sessions, #/commands, #/users).
import { session, setUnauthorizedHandler, logout, get } from './api.js';
import { h, clear } from './dom.js';
import { banner, describe, clearBanners } from './ui.js';
import * as loginPage from './pages/login.js';
import * as devicesPage from './pages/devices.js';
import * as devicePage from './pages/device.js';
import * as oigPage from './pages/oig.js';
import * as modbusPage from './pages/modbus.js';
import * as sessionsPage from './pages/sessions.js';
import * as alarmsPage from './pages/alarms.js';
import * as usersPage from './pages/users.js';
import * as commandsPage from './pages/commands.js';
import { startAlarmBanner } from './alarmbanner.js';
import { initTheme } from './theme.js';

const pages = {
  login: loginPage, devices: devicesPage, device: devicePage, oig: oigPage, modbus: modbusPage, sessions: sessionsPage,
  alarms: alarmsPage, users: usersPage, commands: commandsPage,
};

let unmount = null;
let generation = 0;

function parse() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { name: parts[0] || 'devices', args: parts.slice(1) };
}

async function route() {
  const gen = ++generation;
  if (unmount) {
    try { unmount(); } catch (e) { console.error(e); }
    unmount = null;
  }
  let { name, args } = parse();
  if (!session.token && name !== 'login') {
    const back = location.hash && !location.hash.startsWith('#/login') ? location.hash : '';
    location.replace(`#/login${back ? `/${encodeURIComponent(back)}` : ''}`);
    return;
  }
  const page = pages[name];
  const view = clear(document.getElementById('view'));
  document.getElementById('top').hidden = name === 'login';
  if (name === 'login') document.getElementById('alarm-banner').hidden = true;
  else startAlarmBanner();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name || (name === 'device' && a.dataset.page === 'devices'));
  document.getElementById('whoami').textContent = session.token ? `${session.email} (${session.role})` : '';
  document.getElementById('nav-users').hidden = !session.isAdmin;
  document.body.dataset.page = name;
  if (!page) {
    view.append(h('div', { class: 'card' }, h('h2', null, 'Page not found'), h('p', null, 'No page ', h('code', null, location.hash), '. ', h('a', { href: '#/devices' }, 'Go to devices'))));
    return;
  }
  try {
    const u = await page.mount(view, args);
    if (gen !== generation) { if (typeof u === 'function') u(); return; }
    unmount = typeof u === 'function' ? u : null;
  } catch (e) {
    console.error(e);
    if (e?.status === 401) return;
    banner(`Could not show this page: ${describe(e)}`, 'error', 'page');
    if (!view.firstChild) view.append(h('div', { class: 'card' }, h('h2', null, 'This page could not be loaded'), h('p', null, describe(e))));
  }
}

setUnauthorizedHandler(() => {
  if (!location.hash.startsWith('#/login')) {
    banner('Your session has ended; please sign in again.', 'warn', 'auth');
    location.hash = `#/login/${encodeURIComponent(location.hash)}`;
  }
});

// A page's banners go with it; the 'session ended' one stays until the next sign-in.
window.addEventListener('hashchange', () => { clearBanners(['auth']); route(); });
window.addEventListener('error', (e) => banner(`Unexpected error: ${e.message}`, 'error', 'js'));
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.name === 'AbortError' || e.reason?.status === 401) return;
  banner(`Unexpected error: ${describe(e.reason)}`, 'error', 'js');
});
document.getElementById('logout').addEventListener('click', async () => {
  await logout();
  location.hash = '#/login';
});

initTheme(document.getElementById('theme-toggle'));
// The router owns the hash, so "skip to content" moves the focus instead of following a #fragment.
document.getElementById('skip-link').addEventListener('click', () => document.getElementById('view').focus());

// Refresh the role when a token survives a reload (the role could have changed).
if (session.token) {
  get('api/auth/me').then((me) => {
    session.save(session.token, me.role, me.email);
    document.getElementById('whoami').textContent = `${me.email} (${me.role})`;
    document.getElementById('nav-users').hidden = me.role !== 'admin';
  }).catch(() => {});
}
route();
