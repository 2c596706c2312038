// Active alarms of every device: most severe first, acknowledge (operator or admin), refreshed on alarm events.
import { get, post, session } from '../api.js';
import { h, clear, ago, debounce } from '../dom.js';
import { banner, describe, clearBanner } from '../ui.js';
import { LiveStream } from '../live.js';
import { refreshAlarmBanner } from '../alarmbanner.js';

export async function mount(view) {
  const severity = h('select', { id: 'alarm-severity' }, h('option', { value: '' }, 'All severities'),
    ...['critical', 'warning', 'info'].map((s) => h('option', { value: s }, s)));
  const summary = h('span', { class: 'summary', id: 'alarm-summary' }, 'Loading…');
  const list = h('div', { id: 'alarm-list' });
  view.append(h('div', { class: 'card' },
    h('div', { class: 'toolbar' }, h('h1', null, 'Active alarms'), summary, h('span', { class: 'spacer' }), severity),
    list,
    h('p', { class: 'muted' }, 'History: ', h('a', { href: '#/devices' }, 'a device page'), ' shows its events; ',
      h('code', null, 'GET /api/events?type=alarm_raised'), ' lists all.')));

  async function load() {
    const q = severity.value ? `?severity=${encodeURIComponent(severity.value)}` : '';
    const alarms = await get(`api/alarms${q}`);
    summary.textContent = `${alarms.length} active`;
    const now = Date.now();
    clear(list).append(alarms.length === 0 ? h('p', { class: 'muted empty pad' }, 'No active alarms.')
      : h('table', { class: 'alarms' },
        h('thead', null, h('tr', null, ['Severity', 'Device', 'Alarm', 'Raised', 'Values', 'State', ''].map((c) => h('th', null, c)))),
        h('tbody', null, alarms.map((a) => row(a, now)))));
    clearBanner('alarms-load');
    refreshAlarmBanner();
  }

  function row(a, now) {
    const values = Object.entries(a.values || {}).map(([k, v]) => `${k} ${v ?? '—'}`).join(', ');
    const ack = a.acked_by ? h('span', { class: 'muted', title: a.acked_at }, `acknowledged by ${a.acked_by}`)
      : session.canCommand ? h('button', { class: 'ack', onclick: () => acknowledge(a) }, 'Acknowledge') : null;
    return h('tr', { class: `alarm ${a.severity}`, dataset: { id: a.id } },
      h('td', null, h('span', { class: `badge sev-${a.severity}` }, a.severity)),
      h('td', null, h('a', { href: `#/device/${encodeURIComponent(a.device_id)}` }, a.device_id), a.site ? h('span', { class: 'muted' }, ` ${a.site}`) : null),
      h('td', { title: a.alarm_id }, h('strong', null, a.name), a.class ? h('span', { class: 'muted' }, ` ${a.class}`) : null,
        a.flaps ? h('span', { class: 'muted' }, ` · ${a.flaps} flaps`) : null),
      h('td', { title: a.raised_at }, ago(a.raised_at, now)),
      h('td', null, values),
      h('td', null, a.state === 'unknown' ? h('span', { class: 'badge muted', title: 'device offline' }, 'unknown') : 'active'),
      h('td', null, ack));
  }

  async function acknowledge(a) {
    try {
      await post(`api/alarms/${encodeURIComponent(a.id)}/ack`);
      await load();
    } catch (e) {
      banner(`Could not acknowledge ${a.name}: ${describe(e)}`, 'error', 'alarms-ack');
    }
  }

  const reload = debounce(() => load().catch((e) => banner(`Could not refresh alarms: ${describe(e)}`, 'error', 'alarms-load')), 500);
  severity.addEventListener('change', reload);
  try {
    await load();
  } catch (e) {
    if (e.status === 401) return;
    banner(`Could not load alarms: ${describe(e)}`, 'error', 'alarms-load');
  }
  const live = new LiveStream(null, {
    onFlush(readings, events) {
      if (events.some((e) => e.type === 'alarm_raised' || e.type === 'alarm_cleared' || e.type === 'device_offline')) reload();
    },
  });
  const poll = setInterval(reload, 15000);
  return () => { live.close(); clearInterval(poll); };
}
