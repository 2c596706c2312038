// Modbus devices at runtime (admin): add, edit and remove devices added through the API; devices
// from gridwire.yaml are listed read-only. The gateway checks every field like the file and its
// errors are shown next to the fields they name.
import { api, get, post } from '../api.js';
import { h, clear, pick } from '../dom.js';
import { confirmDialog, describe } from '../ui.js';

const FIELDS = ['id', 'name', 'site', 'profile', 'transport', 'host', 'port', 'unit_id', 'interval'];
const LABELS = { id: 'Id', name: 'Name', site: 'Site', profile: 'Profile', transport: 'Transport', host: 'Host',
  port: 'Port', unit_id: 'Unit id', interval: 'Interval' };

/** Splits the gateway's error list into {field: [messages]} and the rest. */
export function errorsByField(detail) {
  const list = Array.isArray(detail) ? detail : [String(detail ?? '')];
  const byField = {};
  const other = [];
  for (const msg of list) {
    const f = FIELDS.find((k) => new RegExp(`^(modbus\\.devices\\[[^\\]]*\\]\\.)?${k}\\b`).test(msg) || msg.startsWith(`field '${k}'`));
    if (f) (byField[f] ||= []).push(msg); else other.push(msg);
  }
  return { byField, other };
}

/** The JSON body from the form's values; empty optional fields are left out. */
export function deviceBody(values) {
  const body = { source: 'modbus' };
  for (const k of FIELDS) {
    const v = String(values[k] ?? '').trim();
    if (v === '') continue;
    body[k] = (k === 'port' || k === 'unit_id') && /^\d+$/.test(v) ? Number(v) : v;
  }
  return body;
}

/** Renders the device list and the add/edit form into `body`; the list reloads after each change. */
export async function mountDeviceAdmin(body) {
  const list = h('div', { id: 'modbus-admin-list' });
  const profiles = await get('api/profiles').catch(() => []);
  let form = null;
  async function reload() {
    const [modbus, devices] = await Promise.all([get('api/modbus/devices'), get('api/devices?source=modbus')]);
    const byId = Object.fromEntries(devices.map((d) => [d.id, d]));
    const rows = modbus.map((m) => {
      const id = pick(m, 'device_id', 'deviceId');
      return { ...m, id, name: byId[id]?.name, site: byId[id]?.site };
    });
    clear(list).append(deviceList(rows, form, reload));
  }
  form = deviceForm(profiles, () => reload().catch(() => {}));
  clear(body).append(list, form.el);
  await reload();
}

function deviceList(rows, form, onChange) {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, 'No Modbus device yet.');
  return h('table', { class: 'grid', id: 'modbus-admin-table' },
    h('thead', null, h('tr', null, ['Device', 'Site', 'Profile', 'Link', 'Origin', ''].map((c) => h('th', null, c)))),
    h('tbody', null, rows.map((r) => {
      const status = h('div', { class: 'row-status' });
      const api = r.origin === 'api';
      return h('tr', { dataset: { id: r.id } },
        h('td', null, r.id, r.name && r.name !== r.id ? h('span', { class: 'muted' }, ` ${r.name}`) : null),
        h('td', null, r.site || '—'),
        h('td', null, r.profile),
        h('td', null, `${r.transport} ${r.endpoint} #${pick(r, 'unit_id', 'unitId')}`),
        h('td', null, api ? 'API' : h('span', { class: 'muted', title: 'change it in gridwire.yaml' }, 'gridwire.yaml')),
        h('td', null, api ? h('div', { class: 'row-actions' },
          h('button', { class: 'device-edit', type: 'button', onclick: () => form.edit(r) }, 'Edit'),
          h('button', { class: 'danger device-remove', type: 'button', onclick: () => remove(r, status, onChange) }, 'Remove…')) : null,
        status));
    })));
}

async function remove(r, status, onChange) {
  const ok = await confirmDialog(`Remove ${r.id}?`, h('p', null, 'Polling stops and the device leaves the list; its history and events stay.'), 'Remove');
  if (!ok) return;
  try {
    await api('DELETE', `api/devices/${encodeURIComponent(r.id)}`);
    await onChange();
  } catch (e) {
    clear(status).append(h('p', { class: 'err' }, `Not removed: ${describe(e)}`));
  }
}

function deviceForm(profiles, onSaved) {
  const inputs = {
    id: h('input', { id: 'md-id', required: true, placeholder: 'e.g. gen-7' }),
    name: h('input', { id: 'md-name', placeholder: 'default: the id' }),
    site: h('input', { id: 'md-site', placeholder: 'e.g. north' }),
    profile: h('select', { id: 'md-profile' }, profiles.map((p) => h('option', { value: p.name }, `${p.label || p.name} (${p.origin})`))),
    transport: h('select', { id: 'md-transport' }, h('option', { value: 'tcp' }, 'Modbus TCP'), h('option', { value: 'rtu-over-tcp' }, 'RTU over TCP')),
    host: h('input', { id: 'md-host', required: true, placeholder: 'e.g. 10.0.0.17' }),
    port: h('input', { id: 'md-port', inputmode: 'numeric', placeholder: '502' }),
    unit_id: h('input', { id: 'md-unit_id', inputmode: 'numeric', placeholder: '0 (tcp), set it for RTU' }),
    interval: h('input', { id: 'md-interval', placeholder: '2s' }),
  };
  const errors = Object.fromEntries(FIELDS.map((k) => [k, h('span', { class: 'field-error', id: `md-${k}-error` })]));
  const title = h('h3', null, 'Add a Modbus device');
  const result = h('div', { class: 'result', id: 'md-result' });
  const submit = h('button', { class: 'primary', type: 'submit', id: 'md-submit' }, 'Add device');
  const cancel = h('button', { type: 'button', hidden: true, onclick: () => reset() }, 'Cancel edit');
  const form = h('form', { class: 'inline-form', id: 'md-form', novalidate: true },
    FIELDS.map((k) => h('label', null, LABELS[k], inputs[k], errors[k])), submit, cancel);
  let editing = null;

  function reset() {
    editing = null;
    for (const k of FIELDS) if (inputs[k].tagName === 'INPUT') inputs[k].value = '';
    inputs.id.disabled = false;
    title.textContent = 'Add a Modbus device';
    submit.textContent = 'Add device';
    cancel.hidden = true;
  }

  function edit(r) {
    editing = r.id;
    const [host, port] = String(r.endpoint || '').split(/:(?=\d+$)/);
    const values = { id: r.id, name: r.name && r.name !== r.id ? r.name : '', site: r.site || '', profile: r.profile,
      transport: r.transport, host, port: port || '', unit_id: pick(r, 'unit_id', 'unitId'),
      interval: `${pick(r, 'interval_ms', 'intervalMs') / 1000}s` };
    for (const k of FIELDS) inputs[k].value = values[k] ?? '';
    inputs.id.disabled = true;
    title.textContent = `Edit ${r.id}`;
    submit.textContent = 'Save and restart polling';
    cancel.hidden = false;
    inputs.name.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const el of Object.values(errors)) el.textContent = '';
    clear(result);
    const body = deviceBody(Object.fromEntries(FIELDS.map((k) => [k, inputs[k].value])));
    try {
      const d = editing ? await api('PUT', `api/devices/${encodeURIComponent(editing)}`, body) : await post('api/devices', body);
      result.append(h('p', { class: 'ok', id: 'md-status' }, `${editing ? 'Saved' : 'Added'} ${d?.id ?? body.id}; polling starts now.`));
      reset();
      await onSaved();
    } catch (err) {
      const { byField, other } = errorsByField(err.detail);
      for (const [k, msgs] of Object.entries(byField)) errors[k].textContent = msgs.join('; ');
      if (other.length || Object.keys(byField).length === 0) {
        result.append(h('p', { class: 'err', id: 'md-status' }, `Not saved: HTTP ${err.status} ${err.error}${other.length ? ` — ${other.join('; ')}` : ''}`));
      }
    }
  });
  return { el: h('div', { class: 'device-form' }, title, form, result), edit };
}
