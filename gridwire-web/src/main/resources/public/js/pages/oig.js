// OIG boxes: each box's cloud mode (forward / offline) with mode-change history, table statistics,
// outages and the answer mix from the capture.
import { h, when, pick } from '../dom.js';
import { section, table } from '../ui.js';
import { fill, every } from './common.js';

const MISSING = 'The OIG proxy is not enabled on this gateway (oig.enabled: false), or its capture is off.';

export function mount(view) {
  const sessions = section('Boxes and cloud mode', 'oig-sessions');
  const transitions = section('Mode changes', 'oig-transitions');
  const tables = section('Tables (last 24 h)', 'oig-tables');
  const outages = section('Outages (short connections)', 'oig-outages');
  const answers = section('Answers (last 24 h)', 'oig-answers');
  const backfill = section('Backfill', 'oig-backfill');
  view.append(h('div', { class: 'toolbar page-head' }, h('h1', null, 'OIG boxes')),
    sessions.el, h('div', { class: 'columns' }, transitions.el, tables.el), h('div', { class: 'columns' }, outages.el, h('div', null, answers.el, backfill.el)));

  const mode = (m) => {
    const v = String(m || '').toLowerCase();
    return h('span', { class: `badge mode ${v === 'forward' ? 'ok' : v === 'offline' ? 'warn' : 'muted'}` }, v || '—');
  };
  const refresh = () => {
    fill(sessions.body, 'api/oig/sessions', (rows) => table(rows, [
      { label: 'Box', get: (r) => {
        const id = pick(r, 'device_id', 'deviceId');
        return id ? h('a', { href: `#/device/${encodeURIComponent(id)}` }, id) : h('span', { class: 'muted' }, 'not identified yet');
      } },
      { label: 'Cloud mode', get: (r) => mode(r.mode) },
      { label: 'Remote', get: (r) => r.remote },
      { label: 'Connected', get: (r) => when(r.opened) },
      { label: 'Last frame', get: (r) => when(pick(r, 'last_frame', 'lastFrame')) },
      { label: 'Frames', get: (r) => pick(r, 'box_frames', 'boxFrames') },
      { label: 'Forwarded', get: (r) => r.forwarded },
      { label: 'Answered locally', get: (r) => pick(r, 'answered_locally', 'answeredLocally') },
      { label: 'Mode changes', get: (r) => pick(r, 'mode_changes', 'modeChanges') },
    ], 'No box is connected.'), MISSING);
    fill(transitions.body, 'api/oig/transitions?limit=50', (rows) => table(rows, [
      { label: 'Time', get: (r) => when(r.time) },
      { label: 'Box', get: (r) => pick(r, 'device_id', 'deviceId') ?? h('span', { class: 'muted' }, `connection ${pick(r, 'connection_id', 'connectionId')}`) },
      { label: 'From', get: (r) => mode(r.from) },
      { label: 'To', get: (r) => mode(r.to) },
      { label: 'Why', get: (r) => r.reason },
    ], 'No mode change recorded.'), MISSING);
    fill(tables.body, 'api/oig/tables', (rows) => table(rows, [
      { label: 'Table', get: (r) => r.table },
      { label: 'Frames', get: (r) => r.count },
      { label: 'Mean interval', get: (r) => {
        const s = pick(r, 'mean_interval_seconds', 'meanIntervalSeconds');
        return s === null || s === undefined ? '—' : `${Math.round(s * 10) / 10} s`;
      } },
    ], 'No frames captured.'), MISSING);
    fill(outages.body, 'api/oig/outages?limit=50', (rows) => table(rows, [
      { label: 'Opened', get: (r) => when(r.opened) },
      { label: 'Closed', get: (r) => when(r.closed) },
      { label: 'Box', get: (r) => pick(r, 'device_id', 'deviceId') },
      { label: 'Frames', get: (r) => r.frames },
      { label: 'Duration', get: (r) => `${Math.round(pick(r, 'duration_seconds', 'durationSeconds') ?? 0)} s` },
      { label: 'Reason', get: (r) => pick(r, 'close_reason', 'closeReason') },
    ], 'No outage recorded.'), MISSING);
    fill(answers.body, 'api/oig/answers', (a) => h('div', null,
      h('p', { class: 'muted' }, `${a.total} answers since ${when(a.since)}`),
      table(a.answers, [
        { label: 'Kind', get: (r) => r.kind }, { label: 'By', get: (r) => r.source },
        { label: 'Count', get: (r) => r.count }, { label: 'Share', get: (r) => `${r.percent} %` },
      ], 'No answers yet.')), MISSING);
    fill(backfill.body, 'api/oig/backfill', (b) => h('dl', { class: 'kv' },
      h('dt', null, 'Enabled'), h('dd', null, b.enabled ? 'yes' : 'no'),
      h('dt', null, 'Queued'), h('dd', null, b.queued),
      h('dt', null, 'Delivered'), h('dd', null, b.delivered),
      h('dt', null, 'Dropped'), h('dd', { class: b.dropped > 0 ? 'err' : '' }, b.dropped)), MISSING);
  };
  return every(5000, refresh);
}
