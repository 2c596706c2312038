// Pure helpers of the chart: bucket steps, history answers as uPlot tables, statistics, CSV.

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

/** A history answer as a uPlot table [times in s, values]; "no data" points stay null (gaps). */
export function historyTable(r) {
  const xs = [];
  const ys = [];
  for (const p of r.points) {
    const v = p.avg ?? p.value ?? null;
    xs.push(Date.parse(p.time) / 1000);
    ys.push(typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null);
  }
  return [xs, ys];
}

/** Min, max and mean of the values of one series whose time is within [min, max] (seconds). */
export function seriesStats(xs, ys, min, max) {
  let lo = Infinity;
  let hi = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i];
    if (xs[i] < min || xs[i] > max || v === null || v === undefined) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    sum += v;
    count++;
  }
  return count ? { min: lo, max: hi, avg: sum / count, count } : { min: null, max: null, avg: null, count: 0 };
}

/** CSV of the rows within [min, max]: local 24-hour time, then one column per series. */
export function csvOf(data, header, min, max, formatTime) {
  const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [['time', ...header].map(quote).join(',')];
  for (let i = 0; i < data[0].length; i++) {
    const t = data[0][i];
    if (t < min || t > max) continue;
    const cells = data.slice(1).map((col) => (col[i] === null || col[i] === undefined ? '' : String(col[i])));
    lines.push([formatTime(t * 1000), ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}
