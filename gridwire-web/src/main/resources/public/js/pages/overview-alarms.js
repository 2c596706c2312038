// The overview's first card: the active alarms, most severe first, each linking to its device.
import { h, clear, ago } from '../dom.js';

const RANK = { critical: 0, warning: 1, info: 2 };

/** A card that shows nothing when no alarm is active; update(alarms) redraws it. */
export function alarmsCard() {
  const list = h('ul', { class: 'alarm-items' });
  const count = h('span', { class: 'summary' });
  const el = h('section', { class: 'card overview-alarms', id: 'overview-alarms', hidden: true, 'aria-label': 'Active alarms' },
    h('div', { class: 'toolbar' }, h('h2', null, 'Active alarms'), count, h('span', { class: 'spacer' }), h('a', { href: '#/alarms' }, 'All alarms →')),
    list);
  function update(alarms) {
    el.hidden = alarms.length === 0;
    const sorted = [...alarms].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3) || Date.parse(b.raised_at) - Date.parse(a.raised_at));
    count.textContent = `${alarms.length} active`;
    const now = Date.now();
    clear(list).append(...sorted.slice(0, 6).map((a) => h('li', { class: `alarm-item ${a.severity}` },
      h('span', { class: `badge sev-${a.severity}` }, a.severity),
      h('a', { href: `#/device/${encodeURIComponent(a.device_id)}` }, h('strong', null, a.device_id)),
      h('span', { class: 'alarm-name' }, a.name),
      h('span', { class: 'muted small', title: a.raised_at }, ago(a.raised_at, now)),
      a.acked_by ? h('span', { class: 'muted small' }, 'acknowledged') : null)),
    alarms.length > 6 ? h('li', { class: 'muted' }, `and ${alarms.length - 6} more`) : null);
  }
  return { el, update };
}
