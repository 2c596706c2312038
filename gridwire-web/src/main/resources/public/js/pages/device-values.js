// A device's values: key values as tiles on top, then one box per profile section (electrical,
// engine, status, counters, …, alarms last, with only the active alarm bits open). Values a device
// had before it went offline stay visible, marked stale with their age.
import { h, clear, ago, when, fmt } from '../dom.js';
import { keyValues, display, isOig, oigTable } from '../keyvalues.js';

const ORDER = ['electrical', 'engine', 'status', 'counters'];
const TITLES = { electrical: 'Electrical', engine: 'Engine', status: 'Status', counters: 'Counters', alarms: 'Alarms', other: 'Other' };
const ELECTRICAL = new Set(['voltage', 'current', 'power', 'frequency', 'power_factor', 'reactive_power', 'apparent_power']);

/** The section of a metric: the catalog's, else the OIG table, else a guess from its class. */
export function sectionOf(info, value, device) {
  if (info?.section) return info.section;
  if (isOig(device)) return oigTable(info?.name || '') || 'other';
  if (ELECTRICAL.has(info?.device_class)) return 'electrical';
  if (info?.device_class === 'temperature' || info?.device_class === 'pressure') return 'engine';
  if (info?.state_class === 'total_increasing' || info?.device_class === 'energy') return 'counters';
  if (typeof value === 'boolean' || typeof value === 'string') return 'status';
  return 'other';
}

/** A value for a table cell: Wh as kWh, "no data (reason)" for null. */
function valueText(cur, unit) {
  if (typeof cur.v === 'number' && unit === 'Wh') return { text: fmt(cur.v / 1000), unit: 'kWh' };
  return { text: fmt(cur.v, cur.reason), unit: unit || '' };
}

export class ValuesView {
  constructor(root) {
    this.root = root;
    this.tiles = h('div', { class: 'tiles', id: 'primary-values' });
    this.note = h('p', { class: 'stale-note', id: 'stale-note', hidden: true });
    this.filter = h('input', { type: 'search', id: 'values-filter', placeholder: 'Filter metrics…', 'aria-label': 'Filter metrics' });
    this.sections = h('div', { class: 'sections', id: 'live-values' });
    this.time = h('p', { class: 'muted small', id: 'values-time' });
    this.cells = new Map();
    this.shownKeys = '';
    this.filter.addEventListener('input', () => this.applyFilter());
    root.append(h('section', { class: 'card', 'aria-label': 'Key values' }, this.note, this.tiles), this.filter, this.sections, this.time);
  }

  applyFilter() {
    const q = this.filter.value.trim().toLowerCase();
    for (const tr of this.sections.querySelectorAll('tr[data-metric]')) {
      tr.hidden = q && !(tr.dataset.metric.includes(q) || tr.textContent.toLowerCase().includes(q));
    }
  }

  /**
   * @param {Map} current metric → {v, reason, unit, t, stale}
   * @param {Array} catalog the device's catalog entries
   * @param {object} device from /api/devices
   */
  render(current, catalog, device, lastReadingAt) {
    const info = new Map(catalog.map((m) => [m.name, m]));
    this.renderTiles(current, catalog, device);
    const stale = [...current.values()].filter((c) => c.stale);
    this.note.hidden = device.online && stale.length === 0;
    this.note.textContent = device.online ? `${stale.length} values are stale (not refreshed since the link was lost).`
      : `Offline: the values below are the last known ones${device.last_seen ? `, from ${when(device.last_seen)} (${ago(device.last_seen)})` : ''}.`;
    if (current.size === 0) {
      clear(this.sections).append(h('p', { class: 'muted', id: 'no-values' }, 'No reading received yet.'));
      this.shownKeys = '';
      return;
    }
    const names = [...catalog.map((m) => m.name).filter((n) => current.has(n)), ...[...current.keys()].filter((k) => !info.has(k))];
    const keys = names.join('\n');
    if (keys !== this.shownKeys) this.build(names, current, info, device);
    for (const [n, c] of this.cells) {
      const cur = current.get(n);
      if (c.last === cur && c.lastOnline === device.online) continue;
      c.last = cur;
      c.lastOnline = device.online;
      const stale = cur.stale || (!device.online && cur.v !== null);
      const v = valueText(cur, cur.unit || info.get(n)?.unit);
      c.val.className = cur.v === null ? 'nodata' : stale ? 'val stale' : 'val';
      c.val.textContent = v.text;
      c.unit.textContent = v.unit;
      c.at.textContent = stale ? `${when(cur.t).slice(11)} · ${ago(cur.t)}` : when(cur.t).slice(11);
      if (c.bit) c.row.classList.toggle('on', cur.v === true);
    }
    this.time.textContent = `last reading ${when(lastReadingAt)}`;
  }

  renderTiles(current, catalog, device) {
    const values = {};
    for (const [k, c] of current) values[k] = c.v;
    const kv = keyValues(device, values, catalog, 8);
    clear(this.tiles).append(...kv.map((k) => {
      const v = display(k.value, k.unit);
      const cur = current.get(k.metric);
      const stale = !device.online || cur?.stale;
      return h('div', { class: `tile${stale ? ' stale' : ''}`, dataset: { metric: k.metric } },
        h('div', { class: 't-label', title: k.metric }, k.label),
        h('div', null, h('span', { class: `t-value${k.value === null ? ' nodata' : ''}` }, k.value === null ? 'no data' : v.text),
          v.unit ? h('span', { class: 't-unit' }, v.unit) : null),
        stale && cur ? h('div', { class: 't-age' }, `stale · ${ago(cur.t)}`) : null);
    }));
    if (kv.length === 0) this.tiles.append(h('p', { class: 'muted' }, 'No key values defined for this device.'));
  }

  build(names, current, info, device) {
    this.shownKeys = names.join('\n');
    this.cells = new Map();
    const groups = new Map();
    for (const n of names) {
      const s = sectionOf(info.get(n) || { name: n }, current.get(n).v, device);
      if (!groups.has(s)) groups.set(s, []);
      groups.get(s).push(n);
    }
    const order = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    clear(this.sections).append(...order.map((s) => this.section(s, groups.get(s), info, current)));
    this.filter.hidden = names.length <= 12;
    this.applyFilter();
  }

  section(name, metrics, info, current) {
    const rows = metrics.map((n) => {
      const val = h('span', { dataset: { metric: n } });
      const at = h('span', { class: 'muted small' });
      const unit = h('td', null);
      const row = h('tr', { dataset: { metric: n } }, h('td', null, h('span', { title: n }, info.get(n)?.label || n)), h('td', null, val), unit, h('td', null, at));
      this.cells.set(n, { val, at, unit, row, bit: name === 'alarms' && typeof current.get(n).v === 'boolean', last: undefined });
      return row;
    });
    const table = (trs) => h('table', { class: 'grid' }, h('tbody', null, trs));
    const title = TITLES[name] || name;
    if (name !== 'alarms') return h('section', { class: 'card', dataset: { section: name } }, h('h2', null, title), table(rows));
    // Alarm bits: the active ones in view, all of them behind a disclosure.
    const on = rows.filter((r) => current.get(r.dataset.metric).v === true);
    const counters = rows.filter((r) => typeof current.get(r.dataset.metric).v !== 'boolean');
    const bits = rows.filter((r) => typeof current.get(r.dataset.metric).v === 'boolean');
    return h('section', { class: 'card alarm-bits', dataset: { section: name } }, h('h2', null, title),
      h('p', { class: on.length ? 'err' : 'muted' }, on.length ? `${on.length} alarm bits on: ${on.map((r) => info.get(r.dataset.metric)?.label || r.dataset.metric).join(', ')}` : 'No alarm bit is on.'),
      counters.length ? table(counters) : null,
      h('details', null, h('summary', null, `All ${bits.length} alarm bits`), table(bits)));
  }
}

function rank(section) {
  if (section === 'alarms') return 99;
  const i = ORDER.indexOf(section);
  return i < 0 ? 50 : i;
}
