// The overview: active alarms first, then every device with its key values and freshness; filters
// by site, kind, source and state. The list is virtualised (only the visible rows exist in the DOM)
// and live updates are coalesced, so 2,000 devices stay smooth.
import { get } from '../api.js';
import { h, clear, ago, debounce } from '../dom.js';
import { banner, describe, clearBanner } from '../ui.js';
import { LiveStream } from '../live.js';
import { keyValues, display } from '../keyvalues.js';
import { alarmsCard } from './overview-alarms.js';

const narrow = window.matchMedia('(max-width: 700px)');
const rowHeight = () => (narrow.matches ? 92 : 48);

export async function mount(view) {
  const byId = new Map();
  const values = new Map(); // device id → {metric: value}
  let catalog = {}; // device id → catalog entries
  let rows = [];
  let ROW = rowHeight();
  const alarms = alarmsCard();
  const search = h('input', { id: 'device-search', type: 'search', placeholder: 'Search id, name, site, model…', 'aria-label': 'Search devices' });
  const site = select('filter-site', 'All sites');
  const kind = select('filter-kind', 'All kinds');
  const source = select('filter-source', 'All sources');
  const status = h('select', { id: 'filter-status', 'aria-label': 'State' },
    h('option', { value: '' }, 'Any state'), h('option', { value: 'online' }, 'Online only'), h('option', { value: 'offline' }, 'Offline only'),
    h('option', { value: 'alarm' }, 'With active alarms'));
  const sort = h('select', { id: 'sort', 'aria-label': 'Order' },
    h('option', { value: 'status' }, 'Problems first'), h('option', { value: 'id' }, 'By id'), h('option', { value: 'seen' }, 'Last seen (oldest first)'));
  const summary = h('span', { class: 'summary', id: 'device-summary' }, 'Loading…');
  const head = h('div', { class: 'vrow head', 'aria-hidden': 'true' },
    ['State', 'Device', 'Key values', 'Last seen', 'Last error'].map((c) => h('div', null, c)));
  const spacer = h('div', { class: 'vspacer' });
  const body = h('div', { class: 'vbody' });
  const scroller = h('div', { class: 'vscroll', id: 'device-list' }, spacer, body);
  view.append(alarms.el, h('div', { class: 'card' },
    h('div', { class: 'toolbar' }, h('h1', null, 'Devices'), summary),
    h('div', { class: 'filters' }, search, site, kind, source, status, sort),
    h('div', { class: 'vtable' }, head, scroller)));

  const rerender = () => renderVisible();
  const refilter = () => { applyFilter(); renderVisible(); };
  search.addEventListener('input', debounce(refilter, 120));
  for (const s of [site, kind, source, status, sort]) s.addEventListener('change', refilter);
  scroller.addEventListener('scroll', () => requestAnimationFrame(rerender), { passive: true });
  const onWidth = () => { ROW = rowHeight(); applyFilter(); renderVisible(); };
  narrow.addEventListener('change', onWidth);

  async function load() {
    const [list, active] = await Promise.all([get('api/devices'), get('api/alarms').catch(() => [])]);
    for (const d of list) byId.set(d.id, { ...byId.get(d.id), ...d, alarms: [] });
    for (const a of active) byId.get(a.device_id)?.alarms.push(a);
    for (const id of [...byId.keys()]) if (!list.some((d) => d.id === id)) byId.delete(id);
    alarms.update(active);
    fillOptions(site, new Set(list.map((d) => d.site)));
    fillOptions(kind, new Set(list.map((d) => d.kind)));
    fillOptions(source, new Set(list.map((d) => d.source)));
    refilter();
    clearBanner('devices-load');
  }

  /** Latest values and the catalog load after the list is shown: they are larger and can wait. */
  async function loadValues() {
    const [latest, cat] = await Promise.all([get('api/metrics'), get('api/metrics/catalog')]);
    for (const r of latest) values.set(r.device_id, { ...r.values });
    catalog = cat || {};
    renderVisible();
  }

  function applyFilter() {
    const q = search.value.trim().toLowerCase();
    const [st, k, src, sv] = [site.value, kind.value, source.value, status.value];
    rows = [...byId.values()].filter((d) => (!src || d.source === src) && (!k || d.kind === k) && (!st || d.site === st)
      && (!sv || (sv === 'alarm' ? d.alarms.length > 0 : (sv === 'online') === !!d.online))
      && (!q || [d.id, d.name, d.site, d.model, d.serial_number].some((x) => x && String(x).toLowerCase().includes(q))));
    const cmpId = (a, b) => a.id.localeCompare(b.id, undefined, { numeric: true });
    const trouble = (d) => (!d.online ? 0 : d.alarms.length ? 1 : 2);
    if (sort.value === 'status') rows.sort((a, b) => trouble(a) - trouble(b) || cmpId(a, b));
    else if (sort.value === 'seen') rows.sort((a, b) => (Date.parse(a.last_seen || 0) - Date.parse(b.last_seen || 0)) || cmpId(a, b));
    else rows.sort(cmpId);
    const offline = [...byId.values()].filter((d) => !d.online).length;
    summary.textContent = `${byId.size} devices · ${byId.size - offline} online · ${offline} offline${rows.length !== byId.size ? ` · ${rows.length} shown` : ''}`;
    summary.classList.toggle('has-offline', offline > 0);
    spacer.style.height = `${rows.length * ROW}px`;
  }

  /** Rebuilds only the rows in view (about 30), whatever the number of devices. */
  function renderVisible() {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - 5);
    const count = Math.ceil((scroller.clientHeight || 600) / ROW) + 10;
    const now = Date.now();
    const frag = document.createDocumentFragment();
    for (let i = first; i < Math.min(rows.length, first + count); i++) frag.append(row(rows[i], now));
    clear(body).append(frag);
    body.style.transform = `translateY(${first * ROW}px)`;
    if (rows.length === 0) body.append(h('div', { class: 'muted empty pad' }, byId.size ? 'No device matches the filters.' : 'No devices yet. They appear here as connectors discover them.'));
  }

  function row(d, now) {
    const kv = keyValues(d, values.get(d.id) || {}, catalog[d.id]);
    return h('a', { class: `vrow ${d.online ? 'online' : 'offline'}${d.alarms.length ? ' alarmed' : ''}`, href: `#/device/${encodeURIComponent(d.id)}`, dataset: { id: d.id } },
      h('div', { class: 'st' }, h('span', { class: `badge ${d.online ? 'ok' : 'bad'}` }, d.online ? 'online' : 'offline'), alarmBadge(d.alarms)),
      h('div', { class: 'name', title: d.id },
        h('div', { class: 'line' }, h('strong', null, d.name || d.id), d.name && d.name !== d.id ? h('span', { class: 'muted' }, ` ${d.id}`) : null),
        h('div', { class: 'line muted small' }, [d.kind, d.site, d.source].filter(Boolean).join(' · '))),
      h('div', { class: `kv${d.online ? '' : ' stale'}` }, kv.map((k) => {
        const v = display(k.value, k.unit);
        return h('span', { class: 'kv-item', dataset: { metric: k.metric } }, h('span', { class: 'kv-label' }, k.label),
          h('span', { class: k.value === null ? 'kv-val nodata' : 'kv-val' }, v.text), v.unit ? h('span', { class: 'kv-unit' }, v.unit) : null);
      })),
      h('div', { class: 'seen', title: d.last_seen || '' }, ago(d.last_seen, now)),
      h('div', { class: 'err', title: d.error || '' }, d.error || ''));
  }

  try {
    await load();
  } catch (e) {
    if (e.status === 401) return undefined;
    banner(`Could not load devices: ${describe(e)}`, 'error', 'devices-load');
    summary.textContent = 'Device list unavailable';
  }
  loadValues().catch((e) => e.status !== 401 && banner(`Could not load key values: ${describe(e)}`, 'warn', 'devices-values'));

  // Live: readings move "last seen" and key values; events flip online/offline and add devices.
  const reload = debounce(() => load().catch((e) => banner(`Could not refresh devices: ${describe(e)}`, 'error', 'devices-load')), 1000);
  const live = new LiveStream(null, {
    onFlush(readings, events) {
      let changedStatus = false;
      for (const [id, r] of readings) {
        const d = byId.get(id);
        if (!d) { reload(); continue; }
        const offlineReading = Object.values(r.no_data || {}).includes('comm_lost');
        if (!offlineReading) d.last_seen = r.received_at || r.timestamp;
        const mine = values.get(id) || {};
        // A comm_lost reading carries no new value: the last known values stay (shown stale).
        for (const [k, v] of Object.entries(r.values)) if (!(v === null && r.no_data?.[k] === 'comm_lost')) mine[k] = v;
        values.set(id, mine);
      }
      for (const e of events) {
        if (e.type === 'alarm_raised' || e.type === 'alarm_cleared') { reload(); continue; }
        const d = byId.get(e.device_id);
        if (e.type === 'device_discovered' || e.type === 'device_removed' || !d) { reload(); continue; }
        if (e.type === 'device_online') { d.online = true; d.error = null; changedStatus = true; }
        if (e.type === 'device_offline') { d.online = false; changedStatus = true; }
        if (e.type === 'connection_error') { d.error = e.message; changedStatus = true; }
      }
      if (changedStatus) applyFilter();
      renderVisible();
    },
  });
  const tick = setInterval(() => renderVisible(), 1000);
  const poll = setInterval(reload, 30000);
  const catalogPoll = setInterval(() => get('api/metrics/catalog').then((c) => { catalog = c || {}; }).catch(() => {}), 60000);
  // Alarms change without a reading or device event this page may have missed (raised before the
  // live stream connected, or coalesced under load): refresh the badges from the small alarm list.
  const alarmPoll = setInterval(() => get('api/alarms').then((active) => {
    for (const d of byId.values()) d.alarms = [];
    for (const a of active) byId.get(a.device_id)?.alarms.push(a);
    alarms.update(active);
    renderVisible();
  }).catch(() => {}), 5000);
  return () => {
    live.close(); clearInterval(tick); clearInterval(poll); clearInterval(alarmPoll); clearInterval(catalogPoll);
    narrow.removeEventListener('change', onWidth);
  };
}

/** A badge with the device's active alarm count, coloured by the most severe; null when none. */
function alarmBadge(alarms) {
  if (!alarms || alarms.length === 0) return null;
  const sev = alarms.some((a) => a.severity === 'critical') ? 'critical' : alarms.some((a) => a.severity === 'warning') ? 'warning' : 'info';
  return h('span', { class: `badge sev-${sev} alarm-count`, title: alarms.map((a) => a.name).join(', ') }, `⚠ ${alarms.length}`);
}

function select(id, all) {
  return h('select', { id, 'aria-label': all }, h('option', { value: '' }, all));
}

function fillOptions(sel, vals) {
  const keep = sel.value;
  const have = new Set([...sel.options].map((o) => o.value));
  for (const v of [...vals].filter(Boolean).sort()) if (!have.has(v)) sel.append(h('option', { value: v }, v));
  sel.value = keep;
}
