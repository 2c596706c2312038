// The device page's chart (uPlot): several series on one chart, range presets or an absolute
// range, drag to zoom (reloads finer data), live append while following "now", min/max/avg of what
// is shown, CSV export of it, 24-hour time, step lines for raw (change-stored) series.
import { get } from './api.js';
import { h, clear, when } from './dom.js';
import { describe } from './ui.js';
import { isDark } from './theme.js';
import { stepFor, historyTable, seriesStats, csvOf } from './chartdata.js';

export const RANGES = [['15m', 15 * 60e3], ['1h', 3600e3], ['6h', 6 * 3600e3], ['24h', 86400e3], ['7d', 7 * 86400e3], ['30d', 30 * 86400e3]];
const COLORS = ['#2f7de1', '#e1572f', '#2fa36b', '#a35bd6', '#d6a01e', '#1ea7b8', '#c43d7a', '#6b7d2f'];
const MAX_SERIES = 8;

const p2 = (n) => String(n).padStart(2, '0');
const localInput = (ms) => { const d = new Date(ms); return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}`; };

/** "2026-12-06 22:15" (local, 24-hour; seconds optional) → ms, or NaN. */
export function parseLocal(text) {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return NaN;
  const d = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] || 0));
  return d.getMonth() === +m[2] - 1 && +m[4] < 24 ? d.getTime() : NaN;
}

/** Axis labels in 24-hour time; the date under the first label and wherever the day changes. */
function timeLabels(u, splits, axis, space, incr) {
  let prevDay = null;
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const day = `${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
    const time = incr < 60 ? `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}` : `${p2(d.getHours())}:${p2(d.getMinutes())}`;
    const label = incr >= 86400 ? day : (day !== prevDay ? `${time}\n${day}` : time);
    prevDay = day;
    return label;
  });
}

export class ChartPanel {
  /** @param {{deviceId: string, catalog: Array, groups: Array, initial: string[]}} opts */
  constructor(root, opts) {
    this.deviceId = opts.deviceId;
    this.info = new Map(opts.catalog.map((m) => [m.name, m]));
    this.selected = opts.initial.slice(0, MAX_SERIES);
    this.range = RANGES[1];
    this.window = null; // {from, to} in ms when absolute (typed or zoomed); null = preset following now
    this.gen = 0;
    this.uplot = null;
    this.data = null;
    this.raw = new Set();
    this.status = h('span', { class: 'muted small', id: 'chart-status' });
    this.plot = h('div', { class: 'plot', id: 'chart' });
    this.stats = h('div', { id: 'chart-stats' });
    // Plain text in 24-hour form: a datetime-local input would show the browser locale's AM/PM.
    this.from = h('input', { type: 'text', id: 'chart-from', 'aria-label': 'From (YYYY-MM-DD HH:MM)', placeholder: 'YYYY-MM-DD HH:MM', size: 16, inputmode: 'numeric' });
    this.to = h('input', { type: 'text', id: 'chart-to', 'aria-label': 'To (YYYY-MM-DD HH:MM)', placeholder: 'YYYY-MM-DD HH:MM', size: 16, inputmode: 'numeric' });
    const rangeBar = h('div', { class: 'ranges', id: 'ranges', role: 'group', 'aria-label': 'Range' },
      RANGES.map(([label, ms]) => h('button', { type: 'button', class: 'range', dataset: { range: label }, onclick: () => { this.range = [label, ms]; this.window = null; this.load(); } }, label)));
    this.rangeBar = rangeBar;
    const presets = h('div', { class: 'presets', id: 'chart-presets' }, opts.groups.map((g) =>
      h('button', { type: 'button', dataset: { preset: g.id }, onclick: () => this.choose(g.metrics) }, g.label)));
    this.picker = h('div', { class: 'series-picker', id: 'series-picker' });
    root.append(
      h('div', { class: 'chart-toolbar' }, rangeBar,
        h('label', null, 'From', this.from), h('label', null, 'To', this.to),
        h('button', { type: 'button', id: 'chart-apply', onclick: () => this.applyAbsolute() }, 'Show range'),
        h('button', { type: 'button', id: 'chart-csv', onclick: () => this.exportCsv() }, 'CSV'), this.status),
      presets,
      h('details', { class: 'pick' }, h('summary', null, 'Choose metrics'), this.picker),
      this.plot, this.stats);
    this.fillPicker();
    this.resize = new ResizeObserver(() => this.uplot?.setSize(this.size()));
    this.resize.observe(this.plot);
    this.onTheme = () => this.draw();
    window.addEventListener('gridwire-theme', this.onTheme);
    window.gridwireChart = this; // for the browser tests and diagnostics
  }

  numeric() {
    return [...this.info.values()].filter((m) => m.unit || m.state_class === 'measurement').map((m) => m.name);
  }

  fillPicker() {
    clear(this.picker).append(...this.numeric().map((n) => h('label', null,
      h('input', { type: 'checkbox', value: n, checked: this.selected.includes(n), onchange: (e) => this.toggle(n, e.target.checked) }),
      this.info.get(n)?.label || n)));
  }

  toggle(metric, on) {
    const next = this.selected.filter((m) => m !== metric);
    if (on) next.push(metric);
    this.choose(next);
  }

  choose(metrics) {
    this.selected = metrics.slice(0, MAX_SERIES);
    for (const c of this.picker.querySelectorAll('input')) c.checked = this.selected.includes(c.value);
    this.load();
  }

  applyAbsolute() {
    const f = parseLocal(this.from.value);
    const t = parseLocal(this.to.value);
    if (Number.isNaN(f) || Number.isNaN(t)) { this.status.textContent = ' write the range as YYYY-MM-DD HH:MM (24-hour)'; return; }
    if (!(f < t)) { this.status.textContent = ' choose a "from" before "to"'; return; }
    this.window = { from: f, to: t };
    this.load();
  }

  span() {
    if (this.window) return this.window;
    const to = Date.now();
    return { from: to - this.range[1], to };
  }

  size() {
    const w = Math.max(200, this.plot.clientWidth || 600);
    return { width: w, height: w < 500 ? 240 : 320 };
  }

  /** Loads every selected series for the current range (bucketed to about 500 points). */
  async load() {
    const gen = ++this.gen;
    const { from, to } = this.span();
    for (const b of this.rangeBar.children) b.classList.toggle('active', !this.window && b.dataset.range === this.range[0]);
    this.from.value = localInput(from);
    this.to.value = localInput(to);
    const step = stepFor(to - from);
    this.status.textContent = ' loading…';
    try {
      const results = await Promise.all(this.selected.map((m) => get(`api/metrics/history?${new URLSearchParams({
        device_id: this.deviceId, metric: m, from: new Date(from).toISOString(), to: new Date(to).toISOString(), step })}`)));
      if (gen !== this.gen) return;
      this.raw = new Set(results.filter((r) => !r.step || r.resolution === 'raw').map((r) => r.metric));
      const tables = results.map(historyTable);
      this.data = tables.length ? window.uPlot.join(tables) : [[]];
      this.xRange = [from / 1000, to / 1000];
      const points = tables.reduce((n, t) => n + t[0].length, 0);
      this.status.textContent = ` ${points} points · step ${step}${results[0]?.resolution ? ` · ${results[0].resolution}` : ''}${this.window ? ' · fixed range' : ' · live'}`;
      this.plot.dataset.points = String(points);
      this.draw();
    } catch (e) {
      if (gen !== this.gen) return;
      this.status.textContent = ` history unavailable: ${describe(e)}`;
    }
  }

  draw() {
    this.uplot?.destroy();
    this.uplot = null;
    clear(this.plot);
    this.plot.dataset.series = this.selected.join(',');
    if (!this.data || this.selected.length === 0) { this.plot.append(h('p', { class: 'muted' }, 'Choose metrics to chart.')); this.renderStats(); return; }
    const style = getComputedStyle(document.documentElement);
    const fg = style.getPropertyValue('--muted').trim() || '#888';
    const grid = style.getPropertyValue('--grid').trim() || '#eee';
    const units = [...new Set(this.selected.map((m) => this.info.get(m)?.unit || ''))];
    const scales = { x: { time: true, range: () => this.xRange } };
    for (const u of units) scales[u || '_'] = { auto: true };
    const axis = (scale, side, label) => ({ scale, side, label, stroke: fg, grid: { stroke: grid, show: side === 3 }, ticks: { stroke: grid }, size: 56 });
    const opts = {
      ...this.size(),
      scales,
      cursor: { drag: { x: true, y: false } },
      series: [{ value: (u, v) => (v == null ? '—' : when(v * 1000)) },
        ...this.selected.map((m, i) => ({
          label: `${this.info.get(m)?.label || m}${this.info.get(m)?.unit ? ` (${this.info.get(m).unit})` : ''}`,
          scale: this.info.get(m)?.unit || '_', stroke: COLORS[i % COLORS.length], width: 1.6,
          paths: this.raw.has(m) ? window.uPlot.paths.stepped({ align: 1 }) : undefined,
          value: (u, v) => (v == null ? '—' : String(Math.round(v * 1000) / 1000)),
        }))],
      axes: [{ stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid }, values: timeLabels, size: 44 },
        ...units.slice(0, 2).map((u, i) => axis(u || '_', i === 0 ? 3 : 1, u))],
      hooks: {
        setSelect: [(u) => this.zoom(u)],
        setScale: [(u, key) => key === 'x' && this.renderStats()],
      },
    };
    this.uplot = new window.uPlot(opts, this.data, this.plot);
    if (isDark()) this.plot.classList.add('dark'); else this.plot.classList.remove('dark');
    this.renderStats();
  }

  /** A drag selection becomes the new absolute range, loaded at a finer step. */
  zoom(u) {
    if (u.select.width < 5) return;
    const from = u.posToVal(u.select.left, 'x') * 1000;
    const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (to - from < 10e3) return;
    this.window = { from, to };
    this.load();
  }

  visible() {
    const [min, max] = this.uplot ? [this.uplot.scales.x.min, this.uplot.scales.x.max] : this.xRange || [0, 0];
    return { min, max };
  }

  renderStats() {
    if (!this.data || !this.uplot) { clear(this.stats); return; }
    const { min, max } = this.visible();
    const rows = this.selected.map((m, i) => {
      const s = seriesStats(this.data[0], this.data[i + 1], min, max);
      const unit = this.info.get(m)?.unit || '';
      const f = (v) => (v === null ? '—' : `${Math.round(v * 100) / 100}`);
      return h('tr', { dataset: { metric: m } }, h('td', null, h('span', { class: 'swatch', style: null, dataset: { i: String(i) } }), this.info.get(m)?.label || m),
        h('td', null, f(s.min)), h('td', null, f(s.max)), h('td', null, f(s.avg)), h('td', null, unit), h('td', null, String(s.count)));
    });
    clear(this.stats).append(h('table', { class: 'chart-stats' },
      h('thead', null, h('tr', null, ['Series', 'Min', 'Max', 'Avg', 'Unit', 'Points'].map((c) => h('th', null, c)))), h('tbody', null, rows)));
    this.stats.querySelectorAll('.swatch').forEach((s) => { s.style.background = COLORS[Number(s.dataset.i) % COLORS.length]; });
  }

  /** Appends a live reading while following "now" (not on a fixed or zoomed range). */
  push(reading) {
    if (this.window || !this.data || !this.uplot) return;
    const t = Date.parse(reading.timestamp) / 1000;
    const xs = this.data[0];
    if (xs.length && t <= xs[xs.length - 1]) return;
    if (!this.selected.some((m) => m in reading.values)) return;
    xs.push(t);
    this.selected.forEach((m, i) => {
      const col = this.data[i + 1];
      // A metric absent from this reading did not change (report by exception): hold its value.
      col.push(m in reading.values ? reading.values[m] : col.length ? col[col.length - 1] : null);
    });
    const span = this.range[1] / 1000;
    this.xRange = [t - span, t];
    this.uplot.setData(this.data);
  }

  exportCsv() {
    if (!this.data) return;
    const { min, max } = this.visible();
    const header = this.selected.map((m) => `${m}${this.info.get(m)?.unit ? ` (${this.info.get(m).unit})` : ''}`);
    const blob = new Blob([csvOf(this.data, header, min, max, when)], { type: 'text/csv' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `${this.deviceId}-${localInput(min * 1000).replace(/[:T]/g, '')}.csv` });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  destroy() {
    this.gen++;
    this.resize.disconnect();
    window.removeEventListener('gridwire-theme', this.onTheme);
    this.uplot?.destroy();
    if (window.gridwireChart === this) window.gridwireChart = null;
  }
}
