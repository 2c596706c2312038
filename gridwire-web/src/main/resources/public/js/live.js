// Live stream over WS ws/metrics (relative to the page): snapshot, readings, events. Readings are coalesced per device
// and handed to the page at most every `intervalMs` (default 250 ms, i.e. ≤ 4 renders/s) inside
// requestAnimationFrame, so 1,000 readings/s never mean 1,000 DOM updates.
import { session, wsUrl } from './api.js';

/** Counters for diagnostics and measurements (read by the browser tests): messages, renders. */
export const liveStats = { readings: 0, events: 0, flushes: 0, lastFlushMs: 0 };
window.gridwireLive = liveStats;

export class LiveStream {
  /**
   * @param {string[]|null} devices ids to follow, or null for all
   * @param {{onSnapshot?, onFlush?, onState?}} handlers onFlush(readingsByDevice: Map, events: [])
   */
  constructor(devices, handlers, intervalMs = 250) {
    this.devices = devices;
    this.handlers = handlers;
    this.intervalMs = intervalMs;
    this.pending = new Map();
    this.events = [];
    this.timer = null;
    this.closed = false;
    this.retry = 0;
    this.received = 0;
    this.ws = null;
    this.open();
  }

  open() {
    if (this.closed) return;
    const q = new URLSearchParams();
    if (this.devices && this.devices.length) q.set('devices', this.devices.join(','));
    q.set('batch', 'true'); // readings may arrive several to a frame ({"type":"readings"})
    q.set('token', session.token || '');
    const ws = new WebSocket(`${wsUrl('ws/metrics')}?${q}`);
    this.ws = ws;
    this.state('connecting');
    ws.onopen = () => {
      this.retry = 0;
      this.state('live');
      this.ping = setInterval(() => ws.readyState === 1 && ws.send('ping'), 20000);
    };
    ws.onmessage = (m) => this.message(m.data);
    ws.onclose = (e) => {
      clearInterval(this.ping);
      if (this.closed) return;
      this.state('offline', e.code === 1008 || e.code === 4401 ? 'unauthorized' : `closed (${e.code})`);
      const delay = Math.min(15000, 500 * 2 ** this.retry++) * (0.75 + Math.random() * 0.5);
      setTimeout(() => this.open(), delay);
    };
    ws.onerror = () => { /* onclose follows and reconnects */ };
  }

  message(text) {
    if (text === 'pong') return;
    let m;
    try { m = JSON.parse(text); } catch { return; }
    if (m.type === 'reading') {
      this.reading(m.data);
      this.schedule();
    } else if (m.type === 'readings') {
      for (const r of m.data || []) this.reading(r);
      this.schedule();
    } else if (m.type === 'event' || m.type === 'alarm') {
      liveStats.events++;
      this.events.push(m.data);
      if (this.events.length > 500) this.events.splice(0, this.events.length - 500);
      this.schedule();
    } else if (m.type === 'snapshot') {
      this.handlers.onSnapshot?.(m.data || []);
    }
  }

  reading(data) {
    this.received++;
    liveStats.readings++;
    // Readings carry only the values that changed (report by exception): merge, never replace.
    const prev = this.pending.get(data.device_id);
    this.pending.set(data.device_id, prev ? { ...data, values: { ...prev.values, ...data.values } } : data);
  }

  schedule() {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      const run = () => {
        this.timer = null;
        if (this.closed) return;
        const readings = this.pending;
        const events = this.events;
        this.pending = new Map();
        this.events = [];
        const t0 = performance.now();
        this.handlers.onFlush?.(readings, events);
        liveStats.flushes++;
        liveStats.lastFlushMs = performance.now() - t0;
      };
      // rAF keeps rendering in step with the screen; a hidden tab falls back to the timer.
      if (document.hidden) run(); else requestAnimationFrame(run);
    }, this.intervalMs);
  }

  state(s, why) {
    this.handlers.onState?.(s, why);
    const el = document.getElementById('live-state');
    if (!el) return;
    el.className = `live-state ${s}`;
    el.textContent = s === 'live' ? '● live' : s === 'connecting' ? '◌ connecting' : `○ offline${why ? ` (${why})` : ''}`;
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    if (this.ws) this.ws.close();
    const el = document.getElementById('live-state');
    if (el) { el.className = 'live-state'; el.textContent = ''; }
  }
}
