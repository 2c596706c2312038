// Modbus: per-device poll statistics; write a register or coil (operator or admin, confirmed first;
// a modbus_write command of the ledger);
// add, edit and remove devices (admin, see modbus-devices.js).
import { post, session } from '../api.js';
import { h, clear, pick } from '../dom.js';
import { section, table, confirmDialog, describe, banner } from '../ui.js';
import { fill, every, operatorOnly } from './common.js';
import { mountDeviceAdmin } from './modbus-devices.js';

const MISSING = 'The Modbus poller is not enabled on this gateway (no modbus.devices configured).';
const ms = (us) => (us === null || us === undefined ? '—' : `${Math.round(us / 100) / 10} ms`);

export function mount(view) {
  const stats = section('Poll statistics', 'modbus-stats');
  const write = section('Write a register or coil', 'modbus-write');
  view.append(h('div', { class: 'toolbar page-head' }, h('h1', null, 'Modbus')), stats.el, write.el);
  if (session.isAdmin) {
    const manage = section('Devices: add, edit, remove', 'modbus-admin');
    view.append(manage.el);
    mountDeviceAdmin(manage.body).catch((e) => {
      if (e.status !== 401) clear(manage.body).append(h('p', { class: 'err' }, `Could not load the devices: ${describe(e)}`));
    });
  }
  let devices = [];

  const device = h('select', { id: 'write-device', required: true });
  const fn = h('select', { id: 'write-function' },
    h('option', { value: 'register' }, 'register (06)'), h('option', { value: 'registers' }, 'registers (16)'),
    h('option', { value: 'coil' }, 'coil (05)'), h('option', { value: 'coils' }, 'coils (15)'));
  const address = h('input', { id: 'write-address', type: 'number', min: 0, max: 65535, required: true, placeholder: 'e.g. 4352' });
  const value = h('input', { id: 'write-value', required: true, placeholder: 'e.g. 500, or 1,2,3 for several' });
  const submit = h('button', { id: 'write-submit', class: 'danger', type: 'submit' }, 'Write…');
  const result = h('div', { id: 'write-result', class: 'result' });
  const form = h('form', { class: 'inline-form', id: 'write-form' },
    h('label', null, 'Device', device), h('label', null, 'Function', fn), h('label', null, 'Address', address),
    h('label', null, 'Value(s)', value), submit);
  if (!session.canCommand) for (const el of form.querySelectorAll('input, select, button')) el.disabled = true;
  clear(write.body).append(...[operatorOnly(session.canCommand), form, result].filter(Boolean));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let body;
    try {
      body = command(fn.value, address.value, value.value);
    } catch (err) {
      clear(result).append(h('p', { class: 'err' }, err.message));
      return;
    }
    const what = `${fn.value} ${JSON.stringify(body.values ?? body.value)} at address ${body.address}`;
    const ok = await confirmDialog('Write to a device?', h('p', null, 'Write ', h('strong', null, what), ' to ', h('strong', null, device.value), '? This changes the device\'s settings.'), 'Write');
    if (!ok) { clear(result).append(h('p', { class: 'muted' }, 'Cancelled.')); return; }
    submit.disabled = true;
    try {
      // A ledger command (docs/commands.md): applied once read back; still on its way after the wait.
      const r = await post(`api/devices/${encodeURIComponent(device.value)}/modbus/write`, body);
      const open = ['queued', 'sent', 'acknowledged'].includes(r.state);
      const evidence = r.steps?.length ? r.steps[r.steps.length - 1].evidence : '';
      clear(result).append(h('p', { class: r.state === 'applied' ? 'ok' : 'warn', id: 'write-status' },
        `Write ${r.state}${r.detail ? `: ${r.detail}` : ''}${evidence ? ` (${evidence})` : ''}`),
        h('p', { class: 'muted' }, 'Command ', h('a', { href: '#/commands' }, `#${r.id}`),
          open ? ' is still on its way: the ledger shows how it ends.' : ' in the ledger.'),
        h('pre', null, JSON.stringify(r, null, 2)));
    } catch (err) {
      clear(result).append(h('p', { class: 'err', id: 'write-status' }, `Write refused: ${describe(err)}`));
      banner(`Write refused: ${describe(err)}`, 'error', 'modbus-write');
    } finally {
      submit.disabled = !session.canCommand;
    }
  });

  const refresh = async () => {
    const data = await fill(stats.body, 'api/modbus/devices', (rows) => table(rows, [
      { label: 'Device', get: (r) => h('a', { href: `#/device/${encodeURIComponent(pick(r, 'device_id', 'deviceId'))}` }, pick(r, 'device_id', 'deviceId')) },
      { label: 'Profile', get: (r) => r.profile },
      { label: 'Link', get: (r) => `${r.transport} ${r.endpoint} #${pick(r, 'unit_id', 'unitId')}` },
      { label: 'Every', get: (r) => `${pick(r, 'interval_ms', 'intervalMs') / 1000} s` },
      { label: 'Polls', get: (r) => r.stats?.polls },
      { label: 'Failed polls', get: (r) => pick(r.stats, 'failed_polls', 'failedPolls'), cls: (r) => (pick(r.stats, 'failed_polls', 'failedPolls') > 0 ? 'warn' : '') },
      { label: 'Requests', get: (r) => r.stats?.requests },
      { label: 'Errors', get: (r) => Object.entries(r.stats?.errors || {}).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none' },
      { label: 'RTT p50 / p99', get: (r) => `${ms(pick(r.stats, 'rtt_p50_micros', 'rttP50Micros'))} / ${ms(pick(r.stats, 'rtt_p99_micros', 'rttP99Micros'))}` },
      { label: 'Missed slots', get: (r) => pick(r.stats, 'missed_deadlines', 'missedDeadlines') },
    ], 'No Modbus device configured.'), MISSING);
    if (data) {
      devices = data.map((r) => pick(r, 'device_id', 'deviceId'));
      const keep = device.value;
      if ([...device.options].map((o) => o.value).join() !== devices.join()) {
        clear(device).append(...devices.map((d) => h('option', { value: d }, d)));
        if (devices.includes(keep)) device.value = keep;
      }
    } else if (device.options.length === 0) {
      submit.disabled = true;
    }
  };
  return every(5000, refresh);
}

/** The write body from the form fields; throws with a readable message. */
export function command(fn, address, raw) {
  const a = Number(address);
  if (!Number.isInteger(a) || a < 0 || a > 65535) throw new Error('Address must be an integer 0..65535.');
  const parts = String(raw).split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) throw new Error('Give a value.');
  const conv = fn.startsWith('coil')
    ? (s) => { if (/^(1|true|on)$/i.test(s)) return true; if (/^(0|false|off)$/i.test(s)) return false; throw new Error(`Coil values are on/off, 1/0: '${s}'.`); }
    : (s) => { const n = Number(s); if (!Number.isInteger(n) || n < -32768 || n > 65535) throw new Error(`Register values are integers -32768..65535: '${s}'.`); return n; };
  const vals = parts.map(conv);
  if ((fn === 'register' || fn === 'coil') && vals.length !== 1) throw new Error(`'${fn}' writes exactly one value.`);
  return fn === 'register' || fn === 'coil' ? { function: fn, address: a, value: vals[0] } : { function: fn, address: a, values: vals };
}
