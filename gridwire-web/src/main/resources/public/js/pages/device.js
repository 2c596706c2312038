// One device: key values on top, values by profile section (last known values stay, marked stale,
// when the device is offline), the OIG energy flow, a uPlot chart of several series, recent events
// and the alarm history.
import { get } from '../api.js';
import { h, clear, ago, when } from '../dom.js';
import { banner, describe, table } from '../ui.js';
import { LiveStream } from '../live.js';
import { ChartPanel } from '../chartpanel.js';
import { phaseGroups, oigBalanceGroup } from '../phases.js';
import { isOig } from '../keyvalues.js';
import { ValuesView } from './device-values.js';
import { energyFlow } from './oigflow.js';
import { devicePanel } from './commands.js';

export async function mount(view, args) {
  const id = args[0];
  const title = h('h1', { id: 'device-title' }, id);
  const meta = h('div', { class: 'meta', id: 'device-meta' });
  const valuesRoot = h('div', { id: 'device-values' });
  const chartRoot = h('div', { id: 'charts' });
  const eventsBody = h('div', { id: 'device-events' }, h('p', { class: 'muted' }, 'Loading…'));
  const alarmsBody = h('div', { id: 'device-alarm-history' }, h('p', { class: 'muted' }, 'Loading…'));
  const flowRoot = h('div');
  view.append(
    h('div', { class: 'crumbs' }, h('a', { href: '#/devices' }, '← Overview')),
    h('div', { class: 'card' }, h('div', { class: 'toolbar' }, title), meta),
    flowRoot, valuesRoot,
    h('section', { class: 'card', 'aria-label': 'History' }, h('h2', null, 'History'), chartRoot),
    h('div', { class: 'columns' },
      h('section', { class: 'card events' }, h('h2', null, 'Recent events'), eventsBody),
      h('section', { class: 'card' }, h('h2', null, 'Alarm history'), alarmsBody)));

  const current = new Map();
  let lastReadingAt = null;
  let events = [];

  const [d, c, l, ev, lk] = await Promise.allSettled([
    get(`api/devices/${encodeURIComponent(id)}`),
    get(`api/metrics/catalog?device_id=${encodeURIComponent(id)}`),
    get(`api/metrics?device_id=${encodeURIComponent(id)}`),
    get(`api/events?device_id=${encodeURIComponent(id)}&limit=50`),
    get(`api/metrics/last_known?device_id=${encodeURIComponent(id)}`),
  ]);
  if (d.status === 'rejected') {
    if (d.reason.status === 404) {
      clear(view).append(h('div', { class: 'card' }, h('h2', null, 'Unknown device'), h('p', null, `No device '${id}'. `, h('a', { href: '#/devices' }, 'Back to devices'))));
      return undefined;
    }
    throw d.reason;
  }
  const device = d.value;
  let catalog = c.status === 'fulfilled' ? c.value : [];
  events = ev.status === 'fulfilled' ? ev.value : [];
  for (const r of [c, l, ev]) if (r.status === 'rejected' && r.reason.status !== 401) banner(`Part of this page failed: ${describe(r.reason)}`, 'error', 'device-part');
  if (l.status === 'fulfilled' && l.value[0]) merge(l.value[0]);
  if (lk.status === 'fulfilled' && lk.value[0]) lastKnown(lk.value[0]);

  const values = new ValuesView(valuesRoot);
  const flow = isOig(device) ? energyFlow() : null;
  if (flow) flowRoot.append(flow.el);
  const commands = devicePanel(device);
  valuesRoot.after(commands.el);
  const chart = new ChartPanel(chartRoot, { deviceId: id, catalog, groups: groups(), initial: initialSeries() });
  renderMeta();
  renderValues();
  renderEvents();
  loadAlarmHistory();
  chart.load();

  function groups() {
    const names = catalog.map((m) => m.name);
    const label = (n) => catalog.find((m) => m.name === n)?.label || n;
    return [...oigBalanceGroup(names), ...phaseGroups(names, label)];
  }

  /** First chart: the power balance (OIG) or the first three phases, else the primary numbers. */
  function initialSeries() {
    const g = groups();
    if (g.length) return g[0].metrics;
    const numeric = catalog.filter((m) => m.unit);
    const primary = numeric.filter((m) => m.primary);
    const pick = primary.length ? primary : numeric;
    return pick.filter((m) => m.unit === pick[0].unit).map((m) => m.name).slice(0, 4);
  }

  /** Newest value of each metric; a comm_lost "value" keeps the last known one, marked stale. */
  function merge(r) {
    let fresh = false;
    for (const [k, v] of Object.entries(r.values)) {
      const reason = r.no_data?.[k];
      const prev = current.get(k);
      if (v === null && reason === 'comm_lost') {
        if (prev && prev.v !== null) { if (!prev.stale) current.set(k, { ...prev, stale: true }); continue; }
      } else {
        fresh = true;
      }
      current.set(k, { v, reason, unit: r.units?.[k], t: r.timestamp, stale: false });
    }
    if (fresh) lastReadingAt = r.timestamp;
    return fresh;
  }

  /** The values the gateway kept from before the link was lost. */
  function lastKnown(r) {
    for (const [k, v] of Object.entries(r.values)) {
      const cur = current.get(k);
      if (!cur || (cur.v === null && cur.reason === 'comm_lost')) current.set(k, { v, unit: r.units?.[k] ?? cur?.unit, t: r.timestamp, stale: true });
    }
    lastReadingAt = lastReadingAt || r.timestamp;
  }

  function renderValues() {
    values.render(current, catalog, device, lastReadingAt);
    if (flow) {
      const v = {};
      for (const [k, cur] of current) v[k] = cur.v;
      flow.update(v);
    }
  }

  /** Raised and cleared alarms of this device, newest first (two event types, merged). */
  async function loadAlarmHistory() {
    try {
      const dev = encodeURIComponent(id);
      const [raised, cleared] = await Promise.all([
        get(`api/events?device_id=${dev}&type=alarm_raised&limit=50`),
        get(`api/events?device_id=${dev}&type=alarm_cleared&limit=50`)]);
      const rows = [...raised, ...cleared].sort((a, b) => Date.parse(b.time) - Date.parse(a.time)).slice(0, 50);
      clear(alarmsBody).append(table(rows, [
        { label: 'Time', get: (e) => when(e.time) },
        { label: 'Event', get: (e) => h('span', { class: `etype ${e.type}` }, e.type === 'alarm_raised' ? 'raised' : 'cleared') },
        { label: 'Severity', get: (e) => (e.data?.severity ? h('span', { class: `badge sev-${e.data.severity}` }, e.data.severity) : '') },
        { label: 'Alarm', get: (e) => h('span', { title: e.data?.alarm_id || '' }, e.data?.name || e.data?.alarm_id || '') },
      ], 'No alarms recorded for this device.'));
    } catch (e) {
      if (e.status !== 401) clear(alarmsBody).append(h('p', { class: 'err' }, `Alarm history unavailable: ${describe(e)}`));
    }
  }

  function renderMeta() {
    title.textContent = device.name && device.name !== device.id ? `${device.name}` : device.id;
    const seen = device.last_seen ? h('span', { title: when(device.last_seen), id: 'device-last-seen' },
      `${ago(device.last_seen)} (${when(device.last_seen)})`) : h('span', { id: 'device-last-seen' }, 'never');
    clear(meta).append(...[
      h('span', { class: `badge ${device.online ? 'ok' : 'bad'}`, id: 'device-status' }, device.online ? 'online' : 'offline'),
      field('id', device.id), field('kind', device.kind), field('site', device.site), field('source', device.source),
      field('model', device.model), field('serial', device.serial_number),
      field('last seen', seen),
      device.error ? h('span', { class: 'err' }, `last error: ${device.error}`) : null].filter(Boolean));
  }

  function renderEvents() {
    clear(eventsBody).append(table(events.slice(0, 50), [
      { label: 'Time', get: (e) => when(e.time) },
      { label: 'Type', get: (e) => h('span', { class: `etype ${e.type}` }, e.type.replace(/_/g, ' ')) },
      { label: 'Message', get: (e) => e.message },
    ], 'No events recorded for this device.'));
  }

  const live = new LiveStream([id], {
    onSnapshot(data) {
      const r = data.find((x) => x.device_id === id);
      if (r) { merge(r); renderValues(); }
    },
    onFlush(readings, evs) {
      const r = readings.get(id);
      if (r) {
        const knew = catalog.length;
        // A reading that only says "link lost" is not a sign of life: last seen stays.
        if (merge(r)) device.last_seen = r.received_at;
        if (current.size > knew && [...current.keys()].some((k) => !catalog.some((m) => m.name === k))) refreshCatalog();
        renderValues();
        renderMeta();
        chart.push(r);
      }
      const mine = evs.filter((e) => e.device_id === id);
      if (mine.length) {
        for (const e of mine) {
          if (e.type === 'device_online') { device.online = true; device.error = null; }
          if (e.type === 'device_offline') device.online = false;
          if (e.type === 'connection_error') device.error = e.message;
        }
        events = [...mine.reverse(), ...events].slice(0, 50);
        renderEvents();
        renderValues();
        if (mine.some((e) => e.type === 'alarm_raised' || e.type === 'alarm_cleared')) loadAlarmHistory();
        renderMeta();
      }
    },
  });
  let catalogAsked = 0;
  async function refreshCatalog() {
    if (Date.now() - catalogAsked < 30000) return;
    catalogAsked = Date.now();
    try { catalog = await get(`api/metrics/catalog?device_id=${encodeURIComponent(id)}`); renderValues(); } catch { /* next time */ }
  }
  const tick = setInterval(() => { renderMeta(); if (!device.online) renderValues(); }, 5000);
  // Stored events are written behind the live stream: re-read them now and then (also after a reconnect).
  const reloadEvents = setInterval(async () => {
    try {
      events = await get(`api/events?device_id=${encodeURIComponent(id)}&limit=50`);
      renderEvents();
      loadAlarmHistory();
    } catch { /* keep what is shown; the live stream still adds events */ }
  }, 10000);
  return () => { live.close(); clearInterval(tick); clearInterval(reloadEvents); chart.destroy(); commands.stop(); };
}

function field(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return h('span', { class: 'field' }, h('span', { class: 'muted' }, `${label} `), value);
}
