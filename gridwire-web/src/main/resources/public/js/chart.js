// A small time-series line chart on <canvas> (no library): one line (avg), an optional min/max
// band, time axis, y ticks, hover read-out. Redraws are throttled to one per animation frame.

const PAD = { l: 56, r: 12, t: 10, b: 24 };

export class TimeChart {
  /** @param {HTMLCanvasElement} canvas @param {{unit?: string, color?: string}} opts */
  constructor(canvas, opts = {}) {
    this.canvas = canvas;
    this.unit = opts.unit || '';
    this.color = opts.color || '#2f7de1';
    this.points = []; // {t: ms, v: number|null, min?, max?}
    this.from = Date.now() - 3600e3;
    this.to = Date.now();
    this.follow = true;
    this.hover = null;
    this.frame = 0;
    this.resize = new ResizeObserver(() => this.redraw());
    this.resize.observe(canvas);
    canvas.addEventListener('mousemove', (e) => { this.hover = e.offsetX; this.redraw(); });
    canvas.addEventListener('mouseleave', () => { this.hover = null; this.redraw(); });
  }

  /** Replaces the data for the window [from, to] (ms). */
  setData(points, from, to) {
    this.points = points;
    this.from = from;
    this.to = to;
    this.redraw();
  }

  /** Appends a live point and slides the window when following "now". Bounded to 5,000 points. */
  push(t, v) {
    if (!this.follow) return;
    const span = this.to - this.from;
    if (t > this.to) { this.to = t; this.from = t - span; }
    const last = this.points[this.points.length - 1];
    if (last && t <= last.t) return;
    this.points.push({ t, v });
    let cut = 0;
    while (cut < this.points.length && this.points[cut].t < this.from) cut++;
    if (this.points.length - cut > 5000) cut = this.points.length - 5000;
    if (cut > 0) this.points.splice(0, cut);
    this.redraw();
  }

  redraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  destroy() {
    this.resize.disconnect();
    cancelAnimationFrame(this.frame);
  }

  draw() {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const hgt = c.clientHeight;
    if (!w || !hgt) return;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
    }
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, hgt);
    const pw = w - PAD.l - PAD.r;
    const ph = hgt - PAD.t - PAD.b;
    const style = getComputedStyle(document.documentElement);
    const axis = style.getPropertyValue('--muted').trim() || '#888';
    const gridC = style.getPropertyValue('--grid').trim() || '#eee';
    g.font = '11px system-ui, sans-serif';

    let lo = Infinity;
    let hi = -Infinity;
    for (const p of this.points) {
      if (p.v === null || p.v === undefined) continue;
      lo = Math.min(lo, p.min ?? p.v);
      hi = Math.max(hi, p.max ?? p.v);
    }
    if (lo === Infinity) {
      g.fillStyle = axis;
      g.textAlign = 'center';
      g.fillText('no data in this range', PAD.l + pw / 2, PAD.t + ph / 2);
      this.drawTimeAxis(g, pw, ph, axis, gridC);
      return;
    }
    if (hi === lo) { hi += 1; lo -= 1; }
    const ticks = niceTicks(lo, hi, Math.max(2, Math.floor(ph / 40)));
    lo = Math.min(lo, ticks[0]);
    hi = Math.max(hi, ticks[ticks.length - 1]);
    const x = (t) => PAD.l + ((t - this.from) / (this.to - this.from)) * pw;
    const y = (v) => PAD.t + ph - ((v - lo) / (hi - lo)) * ph;

    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (const tv of ticks) {
      g.strokeStyle = gridC;
      g.beginPath(); g.moveTo(PAD.l, y(tv)); g.lineTo(PAD.l + pw, y(tv)); g.stroke();
      g.fillStyle = axis;
      g.fillText(fmtTick(tv, ticks.decimals), PAD.l - 6, y(tv));
    }
    this.drawTimeAxis(g, pw, ph, axis, gridC);

    g.save();
    g.beginPath(); g.rect(PAD.l, PAD.t, pw, ph); g.clip();
    // min/max band of bucketed history
    if (this.points.some((p) => p.min !== undefined)) {
      g.fillStyle = this.color + '26';
      g.beginPath();
      let started = false;
      const band = this.points.filter((p) => p.min !== undefined && p.max !== undefined && p.min !== null);
      for (const p of band) { if (!started) { g.moveTo(x(p.t), y(p.max)); started = true; } else g.lineTo(x(p.t), y(p.max)); }
      for (let i = band.length - 1; i >= 0; i--) g.lineTo(x(band[i].t), y(band[i].min));
      g.closePath(); g.fill();
    }
    g.strokeStyle = this.color;
    g.lineWidth = 1.6;
    g.beginPath();
    let pen = false;
    let prevT = null;
    const gap = Math.max(((this.to - this.from) / 500) * 3, 10_000);
    for (const p of this.points) {
      if (p.v === null || p.v === undefined || (prevT !== null && p.t - prevT > gap)) pen = false;
      if (p.v !== null && p.v !== undefined) {
        if (pen) g.lineTo(x(p.t), y(p.v)); else g.moveTo(x(p.t), y(p.v));
        pen = true;
      }
      prevT = p.t;
    }
    g.stroke();
    if (this.points.length < 60) {
      g.fillStyle = this.color;
      for (const p of this.points) if (p.v !== null && p.v !== undefined) { g.beginPath(); g.arc(x(p.t), y(p.v), 2, 0, 7); g.fill(); }
    }
    g.restore();

    if (this.hover !== null && this.hover >= PAD.l && this.hover <= PAD.l + pw) {
      const t = this.from + ((this.hover - PAD.l) / pw) * (this.to - this.from);
      let best = null;
      for (const p of this.points) if (p.v !== null && p.v !== undefined && (!best || Math.abs(p.t - t) < Math.abs(best.t - t))) best = p;
      if (best) {
        g.strokeStyle = axis;
        g.beginPath(); g.moveTo(x(best.t), PAD.t); g.lineTo(x(best.t), PAD.t + ph); g.stroke();
        const label = `${fmtTick(best.v)} ${this.unit} · ${new Date(best.t).toLocaleTimeString()}`;
        g.textAlign = x(best.t) > PAD.l + pw / 2 ? 'right' : 'left';
        g.textBaseline = 'top';
        g.fillStyle = style.getPropertyValue('--fg').trim() || '#000';
        g.fillText(label, x(best.t) + (g.textAlign === 'left' ? 6 : -6), PAD.t + 2);
      }
    }
  }

  drawTimeAxis(g, pw, ph, axis, gridC) {
    const span = this.to - this.from;
    const steps = [1e3, 5e3, 15e3, 30e3, 60e3, 300e3, 900e3, 1800e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 86400e3, 2 * 86400e3, 7 * 86400e3];
    const want = span / Math.max(2, Math.floor(pw / 90));
    const step = steps.find((s) => s >= want) || steps[steps.length - 1];
    const tz = new Date().getTimezoneOffset() * 60e3;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (let t = Math.ceil((this.from - tz) / step) * step + tz; t <= this.to; t += step) {
      const px = PAD.l + ((t - this.from) / span) * pw;
      g.strokeStyle = gridC;
      g.beginPath(); g.moveTo(px, PAD.t); g.lineTo(px, PAD.t + ph); g.stroke();
      g.fillStyle = axis;
      const d = new Date(t);
      const p = (n) => String(n).padStart(2, '0');
      const label = step >= 86400e3 ? `${d.getMonth() + 1}/${d.getDate()}`
        : step < 60e3 ? `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` : `${p(d.getHours())}:${p(d.getMinutes())}`;
      g.fillText(label, px, PAD.t + ph + 6);
    }
  }
}

/** Round tick values covering [lo, hi]; the array carries the decimals its labels need. */
function niceTicks(lo, hi, count) {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step * 0.999; v += step) out.push(Math.round(v / step) * step);
  out.decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step)) + (step / mag === 2.5 ? 1 : 0)));
  return out;
}

function fmtTick(v, decimals) {
  const a = Math.abs(v);
  if (a >= 1e6) return v.toExponential(1);
  if (decimals !== undefined) return v.toFixed(decimals);
  if (a >= 100) return String(Math.round(v * 10) / 10);
  if (a >= 1) return String(Math.round(v * 100) / 100);
  return String(Math.round(v * 1000) / 1000);
}
