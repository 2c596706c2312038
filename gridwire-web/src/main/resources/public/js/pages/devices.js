// Every device of every source; search and filters; offline devices stand out. The list is
// virtualised (only the visible rows exist in the DOM) and live updates are coalesced.
import { get } from '../api.js';
import { h, clear, ago, debounce } from '../dom.js';
import { banner, describe, clearBanner } from '../ui.js';
import { LiveStream } from '../live.js';

const ROW = 34;

export async function mount(view) {
  const byId = new Map();
  let rows = [];
  const search = h('input', { id: 'device-search', type: 'search', placeholder: 'Search id, name, site, model…' });
  const source = h('select', { id: 'filter-source' }, h('option', { value: '' }, 'All sources'));
  const kind = h('select', { id: 'filter-kind' }, h('option', { value: '' }, 'All kinds'));
  const status = h('select', { id: 'filter-status' },
    h('option', { value: '' }, 'Online and offline'), h('option', { value: 'online' }, 'Online only'), h('option', { value: 'offline' }, 'Offline only'));
  const sort = h('select', { id: 'sort' },
    h('option', { value: 'status' }, 'Offline first'), h('option', { value: 'id' }, 'By id'), h('option', { value: 'seen' }, 'Last seen (oldest first)'));
  const summary = h('span', { class: 'summary', id: 'device-summary' }, 'Loading…');
  const head = h('div', { class: 'vrow head' },
    ['Status', 'Device', 'Kind', 'Site', 'Source', 'Last seen', 'Last error'].map((c) => h('div', null, c)));
  const spacer = h('div', { class: 'vspacer' });
  const body = h('div', { class: 'vbody' });
  const scroller = h('div', { class: 'vscroll', id: 'device-list' }, spacer, body);
  view.append(h('div', { class: 'card' },
    h('div', { class: 'toolbar' }, h('h1', null, 'Devices'), summary, h('span', { class: 'spacer' }), search, source, kind, status, sort),
    h('div', { class: 'vtable' }, head, scroller)));

  const rerender = () => renderVisible();
  const refilter = () => { applyFilter(); renderVisible(); };
  search.addEventListener('input', debounce(refilter, 120));
  for (const s of [source, kind, status, sort]) s.addEventListener('change', refilter);
  scroller.addEventListener('scroll', () => requestAnimationFrame(rerender), { passive: true });

  async function load() {
    const [list, alarms] = await Promise.all([get('/api/devices'), get('/api/alarms').catch(() => [])]);
    for (const d of list) byId.set(d.id, { ...byId.get(d.id), ...d, alarms: [] });
    for (const a of alarms) byId.get(a.device_id)?.alarms.push(a);
    for (const id of [...byId.keys()]) if (!list.some((d) => d.id === id)) byId.delete(id);
    fillOptions(source, new Set(list.map((d) => d.source)));
    fillOptions(kind, new Set(list.map((d) => d.kind)));
    refilter();
    clearBanner('devices-load');
  }

  function applyFilter() {
    const q = search.value.trim().toLowerCase();
    const src = source.value;
    const k = kind.value;
    const st = status.value;
    rows = [...byId.values()].filter((d) => (!src || d.source === src) && (!k || d.kind === k)
      && (!st || (st === 'online') === !!d.online)
      && (!q || [d.id, d.name, d.site, d.model, d.serial_number].some((x) => x && String(x).toLowerCase().includes(q))));
    const cmpId = (a, b) => a.id.localeCompare(b.id, undefined, { numeric: true });
    if (sort.value === 'status') rows.sort((a, b) => (a.online === b.online ? cmpId(a, b) : a.online ? 1 : -1));
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
    return h('a', { class: `vrow ${d.online ? 'online' : 'offline'}`, href: `#/device/${encodeURIComponent(d.id)}`, dataset: { id: d.id } },
      h('div', null, h('span', { class: `badge ${d.online ? 'ok' : 'bad'}` }, d.online ? 'online' : 'offline'), alarmBadge(d.alarms)),
      h('div', { class: 'name', title: d.id }, h('strong', null, d.name || d.id), d.name && d.name !== d.id ? h('span', { class: 'muted' }, ` ${d.id}`) : null),
      h('div', null, d.kind || '—'), h('div', null, d.site || '—'), h('div', null, d.source),
      h('div', { class: 'seen', title: d.last_seen || '' }, ago(d.last_seen, now)),
      h('div', { class: 'err', title: d.error || '' }, d.error || ''));
  }

  try {
    await load();
  } catch (e) {
    if (e.status === 401) return;
    banner(`Could not load devices: ${describe(e)}`, 'error', 'devices-load');
    summary.textContent = 'Device list unavailable';
  }

  // Live: readings move "last seen"; events flip online/offline and add devices.
  const reload = debounce(() => load().catch((e) => banner(`Could not refresh devices: ${describe(e)}`, 'error', 'devices-load')), 1000);
  const live = new LiveStream(null, {
    onFlush(readings, events) {
      let changedStatus = false;
      for (const [id, r] of readings) {
        const d = byId.get(id);
        if (d) d.last_seen = r.received_at || r.timestamp;
        else reload();
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
  // Alarms change without a reading or device event this page may have missed (raised before the
  // live stream connected, or coalesced under load): refresh the badges from the small alarm list.
  const alarmPoll = setInterval(() => get('/api/alarms').then((alarms) => {
    for (const d of byId.values()) d.alarms = [];
    for (const a of alarms) byId.get(a.device_id)?.alarms.push(a);
    renderVisible();
  }).catch(() => {}), 5000);
  return () => { live.close(); clearInterval(tick); clearInterval(poll); clearInterval(alarmPoll); };
}

/** A badge with the device's active alarm count, coloured by the most severe; null when none. */
function alarmBadge(alarms) {
  if (!alarms || alarms.length === 0) return null;
  const sev = alarms.some((a) => a.severity === 'critical') ? 'critical' : alarms.some((a) => a.severity === 'warning') ? 'warning' : 'info';
  return h('span', { class: `badge sev-${sev} alarm-count`, title: alarms.map((a) => a.name).join(', ') }, `⚠ ${alarms.length}`);
}

function fillOptions(select, values) {
  const keep = select.value;
  const have = new Set([...select.options].map((o) => o.value));
  for (const v of [...values].filter(Boolean).sort()) if (!have.has(v)) select.append(h('option', { value: v }, v));
  select.value = keep;
}
