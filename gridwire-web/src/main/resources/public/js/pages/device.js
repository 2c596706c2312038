// One device: details, live values with units (no-data shown as such), a chart per numeric metric
// from history (bucketed so a range has ~500 points) plus live points, recent events and the alarm history.
import { get } from '../api.js';
import { h, clear, ago, when, fmt } from '../dom.js';
import { banner, describe, table } from '../ui.js';
import { LiveStream } from '../live.js';
import { TimeChart } from '../chart.js';

const RANGES = [
  ['15m', 15 * 60e3], ['1h', 3600e3], ['6h', 6 * 3600e3], ['24h', 86400e3], ['7d', 7 * 86400e3], ['30d', 30 * 86400e3],
];
const COLORS = ['#2f7de1', '#e1572f', '#2fa36b', '#a35bd6', '#d6a01e', '#1ea7b8', '#c43d7a', '#6b7d2f'];

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * A bucket step for a range: the smallest round step (aligned with the store's minute and hour
 * roll-ups) giving at most about 500 points, e.g. 15 min → "2s", 24 h → "5m", 30 d → "2h".
 */
export function stepFor(rangeMs, points = 500) {
  const raw = rangeMs / points / 1000;
  const s = NICE_STEPS.find((x) => x >= raw) || Math.ceil(raw / 86400) * 86400;
  if (s % 86400 === 0) return `${s / 86400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

export async function mount(view, args) {
  const id = args[0];
  const title = h('h1', { id: 'device-title' }, id);
  const meta = h('div', { class: 'meta', id: 'device-meta' });
  const valuesBody = h('div', { id: 'live-values' }, h('p', { class: 'muted' }, 'Loading…'));
  const rangeBar = h('div', { class: 'ranges', id: 'ranges' });
  const charts = h('div', { class: 'charts', id: 'charts' });
  const eventsBody = h('div', { id: 'device-events' }, h('p', { class: 'muted' }, 'Loading…'));
  const alarmsBody = h('div', { id: 'device-alarm-history' }, h('p', { class: 'muted' }, 'Loading…'));
  view.append(
    h('div', { class: 'crumbs' }, h('a', { href: '#/devices' }, '← Devices')),
    h('div', { class: 'card' }, h('div', { class: 'toolbar' }, title), meta),
    h('div', { class: 'columns' },
      h('section', { class: 'card values' }, h('h2', null, 'Live values'), valuesBody),
      h('section', { class: 'card events' }, h('h2', null, 'Recent events'), eventsBody)),
    h('section', { class: 'card' }, h('h2', null, 'Alarm history'), alarmsBody),
    h('section', { class: 'card' }, h('div', { class: 'toolbar' }, h('h2', null, 'History'), h('span', { class: 'spacer' }), rangeBar), charts));

  let device = null;
  let catalog = [];
  let latest = null;
  const current = new Map();
  let cells = new Map(); // metric -> the cells showing it
  let shownKeys = '';
  let lastReadingAt = null;
  let events = [];
  let range = RANGES[1];
  const chartByMetric = new Map();
  let loadGen = 0;

  const [d, c, l, ev] = await Promise.allSettled([
    get(`api/devices/${encodeURIComponent(id)}`),
    get(`api/metrics/catalog?device_id=${encodeURIComponent(id)}`),
    get(`api/metrics?device_id=${encodeURIComponent(id)}`),
    get(`api/events?device_id=${encodeURIComponent(id)}&limit=50`),
  ]);
  if (d.status === 'rejected') {
    if (d.reason.status === 404) {
      clear(view).append(h('div', { class: 'card' }, h('h2', null, 'Unknown device'), h('p', null, `No device '${id}'. `, h('a', { href: '#/devices' }, 'Back to devices'))));
      return undefined;
    }
    throw d.reason;
  }
  device = d.value;
  catalog = c.status === 'fulfilled' ? c.value : [];
  latest = l.status === 'fulfilled' ? l.value[0] || null : null;
  events = ev.status === 'fulfilled' ? ev.value : [];
  for (const r of [c, l, ev]) if (r.status === 'rejected' && r.reason.status !== 401) banner(`Part of this page failed: ${describe(r.reason)}`, 'error', 'device-part');
  if (latest) merge(latest);
  renderMeta();
  renderValues();
  renderEvents();
  loadAlarmHistory();

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

  for (const [label, ms] of RANGES) {
    rangeBar.append(h('button', { class: `range${label === range[0] ? ' active' : ''}`, dataset: { range: label }, onclick: () => { range = [label, ms]; markRange(); loadHistory(); } }, label));
  }
  function markRange() { for (const b of rangeBar.children) b.classList.toggle('active', b.dataset.range === range[0]); }

  function numericMetrics() {
    const names = catalog.map((m) => m.name);
    for (const k of current.keys()) if (!names.includes(k)) names.push(k);
    return names.filter((n) => {
      const v = current.get(n)?.v;
      return v === undefined || v === null || typeof v === 'number';
    });
  }

  function buildCharts() {
    for (const ch of chartByMetric.values()) ch.destroy();
    chartByMetric.clear();
    visibility.disconnect();
    clear(charts);
    const metrics = numericMetrics();
    if (metrics.length === 0) { charts.append(h('p', { class: 'muted' }, 'This device has no numeric metrics to chart.')); return; }
    metrics.forEach((m, i) => {
      const info = catalog.find((x) => x.name === m) || {};
      const canvas = h('canvas', { class: 'chart', 'aria-label': `${m} chart` });
      const status = h('span', { class: 'muted chart-status' }, 'loading…');
      charts.append(h('div', { class: 'chart-box', dataset: { metric: m } },
        h('div', { class: 'chart-head' }, h('strong', null, info.label || m), h('span', { class: 'muted' }, ` ${m}${info.unit ? ` · ${info.unit}` : ''}`), status),
        canvas));
      const ch = new TimeChart(canvas, { unit: info.unit, color: COLORS[i % COLORS.length] });
      ch.status = status;
      ch.visible = false;
      chartByMetric.set(m, ch);
      visibility.observe(canvas.closest('.chart-box'));
    });
  }

  // History is loaded only for charts in (or near) view: a Modbus genset has dozens of metrics.
  let window_ = null;
  const queue = [];
  let inFlight = 0;
  const visibility = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const ch = chartByMetric.get(e.target.dataset.metric);
      if (!ch) continue;
      ch.visible = e.isIntersecting;
      if (ch.visible) want(e.target.dataset.metric, ch);
    }
  }, { rootMargin: '300px' });

  function loadHistory() {
    const to = Date.now();
    window_ = { gen: ++loadGen, from: to - range[1], to, step: stepFor(range[1]) };
    queue.length = 0;
    for (const [m, ch] of chartByMetric) {
      ch.status.textContent = ch.visible ? ' loading…' : ' (loads when shown)';
      if (ch.visible) want(m, ch);
    }
  }

  function want(m, ch) {
    if (!window_ || ch.loadedGen === window_.gen || ch.queuedGen === window_.gen) return;
    ch.queuedGen = window_.gen;
    queue.push([m, ch]);
    pump();
  }

  function pump() {
    while (inFlight < 4 && queue.length) {
      const [m, ch] = queue.shift();
      inFlight++;
      loadOne(m, ch, window_).finally(() => { inFlight--; pump(); });
    }
  }

  async function loadOne(m, ch, w) {
    ch.status.textContent = ' loading…';
    try {
      const q = new URLSearchParams({ device_id: id, metric: m, from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString(), step: w.step });
      const r = await get(`api/metrics/history?${q}`);
      if (w.gen !== loadGen) return;
      const pts = r.points.map((p) => ({ t: Date.parse(p.time), v: p.avg ?? p.value ?? null, min: p.min ?? undefined, max: p.max ?? undefined }));
      ch.setData(pts, w.from, w.to);
      ch.loadedGen = w.gen;
      ch.status.classList.remove('err');
      ch.status.textContent = ` ${pts.length} points · step ${r.step || 'raw'}${r.resolution ? ` · ${r.resolution}` : ''}`;
      ch.canvas.closest('.chart-box').dataset.points = String(pts.length);
    } catch (e) {
      if (w.gen !== loadGen) return;
      ch.queuedGen = -1;
      ch.setData([], w.from, w.to);
      ch.status.textContent = ` history unavailable: ${describe(e)}`;
      ch.status.classList.add('err');
    }
  }

  function renderMeta() {
    title.textContent = device.name && device.name !== device.id ? `${device.name}` : device.id;
    clear(meta).append(...[
      h('span', { class: `badge ${device.online ? 'ok' : 'bad'}`, id: 'device-status' }, device.online ? 'online' : 'offline'),
      field('id', device.id), field('kind', device.kind), field('site', device.site), field('source', device.source),
      field('model', device.model), field('serial', device.serial_number),
      field('last seen', h('span', { title: device.last_seen || '' }, ago(device.last_seen))),
      device.error ? h('span', { class: 'err' }, `last error: ${device.error}`) : null].filter(Boolean));
  }

  /** Keeps the newest value of each metric: some devices (OIG) report a few metrics per reading. */
  function merge(r) {
    const t = r.timestamp;
    for (const [k, v] of Object.entries(r.values)) {
      current.set(k, { v, reason: r.no_data?.[k], unit: r.units?.[k], t });
    }
    lastReadingAt = t;
  }

  /** Builds the values table once per set of metrics, then only updates the cells that changed. */
  function renderValues() {
    if (current.size === 0) { clear(valuesBody).append(h('p', { class: 'muted', id: 'no-values' }, 'No reading received yet.')); shownKeys = ''; return; }
    const order = [...catalog.map((m) => m.name).filter((n) => current.has(n)), ...[...current.keys()].filter((k) => !catalog.some((m) => m.name === k))];
    // Numbers first (what people look at), then states and texts.
    const names = [...order.filter((n) => typeof current.get(n).v === 'number' || current.get(n).v === null),
      ...order.filter((n) => !(typeof current.get(n).v === 'number' || current.get(n).v === null))];
    const keys = names.join('\n');
    if (keys !== shownKeys) {
      shownKeys = keys;
      cells = new Map();
      const rows = names.map((n) => {
        const info = catalog.find((x) => x.name === n) || {};
        const val = h('span', { dataset: { metric: n } });
        const at = h('span', { class: 'muted small' });
        const unit = h('td', null);
        cells.set(n, { val, at, unit, last: undefined });
        return h('tr', { dataset: { metric: n } }, h('td', null, h('span', { title: n }, info.label || n)), h('td', null, val), unit, h('td', null, at));
      });
      const filter = h('input', { type: 'search', id: 'values-filter', placeholder: `Filter ${names.length} metrics…` });
      const tbody = h('tbody', null, rows);
      filter.addEventListener('input', () => {
        const q = filter.value.trim().toLowerCase();
        for (const tr of tbody.children) tr.hidden = q && !(tr.dataset.metric.includes(q) || tr.textContent.toLowerCase().includes(q));
      });
      clear(valuesBody).append(names.length > 12 ? filter : '',
        h('div', { class: 'values-scroll' }, h('table', { class: 'grid' },
          h('thead', null, h('tr', null, h('th', null, 'Metric'), h('th', null, 'Value'), h('th', null, 'Unit'), h('th', null, 'At'))), tbody)),
        h('p', { class: 'muted small', id: 'values-time' }));
    }
    for (const [n, c] of cells) {
      const cur = current.get(n);
      if (c.last === cur) continue;
      c.last = cur;
      c.val.className = cur.v === null ? 'nodata' : 'val';
      c.val.textContent = fmt(cur.v, cur.reason);
      c.unit.textContent = cur.unit || catalog.find((x) => x.name === n)?.unit || '';
      c.at.textContent = when(cur.t).slice(11);
    }
    document.getElementById('values-time').textContent = `last reading ${when(lastReadingAt)}`;
  }

  function renderEvents() {
    clear(eventsBody).append(table(events.slice(0, 50), [
      { label: 'Time', get: (e) => when(e.time) },
      { label: 'Type', get: (e) => h('span', { class: `etype ${e.type}` }, e.type.replace(/_/g, ' ')) },
      { label: 'Message', get: (e) => e.message },
    ], 'No events recorded for this device.'));
  }

  buildCharts();
  loadHistory();

  const live = new LiveStream([id], {
    onSnapshot(data) {
      const r = data.find((x) => x.device_id === id);
      if (r) { merge(r); renderValues(); }
    },
    onFlush(readings, evs) {
      const r = readings.get(id);
      if (r) {
        const known = new Set(chartByMetric.keys());
        merge(r);
        device.last_seen = r.received_at;
        renderValues();
        renderMeta();
        const t = Date.parse(r.timestamp);
        for (const [m, ch] of chartByMetric) if (m in r.values) ch.push(t, r.values[m]);
        if (numericMetrics().some((m) => !known.has(m))) { buildCharts(); loadHistory(); }
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
        if (mine.some((e) => e.type === 'alarm_raised' || e.type === 'alarm_cleared')) loadAlarmHistory();
        renderMeta();
      }
    },
  });
  const tick = setInterval(renderMeta, 5000);
  // Stored events are written behind the live stream: re-read them now and then (also after a reconnect).
  const reloadEvents = setInterval(async () => {
    try {
      events = await get(`api/events?device_id=${encodeURIComponent(id)}&limit=50`);
      renderEvents();
      loadAlarmHistory();
    } catch { /* keep what is shown; the live stream still adds events */ }
  }, 10000);
  return () => { live.close(); visibility.disconnect(); clearInterval(tick); clearInterval(reloadEvents); for (const ch of chartByMetric.values()) ch.destroy(); };
}

function field(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return h('span', { class: 'field' }, h('span', { class: 'muted' }, `${label} `), value);
}
