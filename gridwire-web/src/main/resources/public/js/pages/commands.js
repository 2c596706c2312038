// The command ledger: every command with its state and the device's evidence (global page, and a
// per-device panel with named controls for operators and admins, each confirmed first).
import { get, post, session } from '../api.js';
import { h, clear, ago, when } from '../dom.js';
import { confirmDialog, describe, banner, clearBanner } from '../ui.js';
import { every } from './common.js';
import { isOig } from '../keyvalues.js';

const STATES = ['queued', 'sent', 'acknowledged', 'applied', 'rejected', 'failed', 'expired', 'cancelled'];
const STATE_CLASS = { applied: 'ok', rejected: 'bad', failed: 'bad', expired: 'muted', cancelled: 'muted' };
const MISSING = 'The command ledger is not part of this gateway.';

/** Named genset commands (docs/commands.md); the gateway refuses those a profile does not have. */
export const GENSET_COMMANDS = [
  { target: 'start', label: 'Start', danger: true, says: 'cranks the engine' },
  { target: 'stop', label: 'Stop', danger: true, says: 'stops the engine (cool-down first)' },
  { target: 'auto', label: 'Auto mode', says: 'puts the controller in auto mode' },
  { target: 'manual', label: 'Manual mode', says: 'puts the controller in manual mode' },
  { target: 'breaker_close', label: 'Close breaker', danger: true, says: 'closes the generator breaker' },
  { target: 'breaker_open', label: 'Open breaker', danger: true, says: 'opens the generator breaker' },
  { target: 'mute', label: 'Mute alarm', says: 'silences the horn' },
  { target: 'alarm_reset', label: 'Reset alarms', says: 'mutes, then resets the alarms' },
];

/** The OIG box's operating modes (docs/commands.md, tbl_box_prms/MODE 0..5). */
export const OIG_MODES = ['Home 1', 'Home 2', 'Home 3', 'Home UPS', 'Home 5', 'Home 6'];

/** The global ledger page (#/commands). */
export function mount(view) {
  const stateSel = h('select', { id: 'commands-state', 'aria-label': 'State' }, h('option', { value: '' }, 'All states'),
    STATES.map((s) => h('option', { value: s }, s)));
  const deviceIn = h('input', { id: 'commands-device', type: 'search', placeholder: 'device id' });
  const list = h('div', { id: 'commands-list' }, h('p', { class: 'muted' }, 'Loading…'));
  view.append(h('div', { class: 'toolbar page-head' }, h('h1', null, 'Commands')),
    h('div', { class: 'card' }, h('div', { class: 'filters' }, stateSel, deviceIn), list));
  const load = () => ledgerInto(list, { state: stateSel.value, device_id: deviceIn.value.trim() }, true);
  stateSel.addEventListener('change', load);
  deviceIn.addEventListener('change', load);
  return every(5000, load);
}

/** The per-device panel for the device page: controls (operator or admin) and this device's ledger. */
export function devicePanel(device) {
  const list = h('div', { class: 'device-commands' }, h('p', { class: 'muted' }, 'Loading…'));
  const result = h('div', { class: 'result', id: 'command-result' });
  const genset = device.source === 'modbus' && /gen/i.test(`${device.kind} ${device.model}`);
  const controls = session.canCommand && genset ? h('div', { class: 'row-actions', id: 'command-controls' },
    GENSET_COMMANDS.map((c) => h('button', { type: 'button', class: c.danger ? 'danger' : '', dataset: { target: c.target },
      onclick: () => ask(device, c, result, refresh) }, `${c.label}…`))) : null;
  const oig = session.canCommand && isOig(device) ? oigMode(device, result, () => refresh()) : null;
  const el = h('section', { class: 'card', id: 'device-commands' }, h('h2', null, 'Commands'), controls, oig, result, list);
  const refresh = () => ledgerInto(list, { device_id: device.id }, false);
  const stop = every(5000, refresh);
  return { el, stop };
}

function oigMode(device, result, refresh) {
  const mode = h('select', { id: 'oig-mode', 'aria-label': 'Operating mode' }, OIG_MODES.map((m) => h('option', { value: m }, m)));
  const form = h('form', { class: 'inline-form', id: 'oig-mode-form' }, h('label', null, 'Operating mode', mode),
    h('button', { class: 'danger', type: 'submit' }, 'Set mode…'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await confirmDialog(`Set ${device.id} to ${mode.value}?`,
      h('p', null, 'The box gets the setting at its next poll (through the cloud connection or offline); the ledger shows when it applies it.'),
      'Set mode');
    if (!ok) { clear(result).append(h('p', { class: 'muted' }, 'Cancelled.')); return; }
    try {
      const cmd = await post('api/commands', { device_id: device.id, kind: 'oig_setting', target: 'tbl_box_prms/MODE', value: mode.value });
      clear(result).append(h('p', { class: 'ok', id: 'command-status' }, `Mode ${mode.value}: command ${cmd.id} ${cmd.state}.`));
    } catch (err) {
      clear(result).append(h('p', { class: 'err', id: 'command-status' }, `Mode refused: ${describe(err)}`));
    }
    await refresh();
  });
  return form;
}

async function ask(device, c, result, refresh) {
  const ok = await confirmDialog(`${c.label} ${device.name || device.id}?`,
    h('p', null, `This ${c.says} on `, h('strong', null, device.id), '. The ledger records who asked and what the device answered.'),
    c.label);
  if (!ok) { clear(result).append(h('p', { class: 'muted' }, 'Cancelled.')); return; }
  try {
    const cmd = await post('api/commands', { device_id: device.id, kind: 'genset', target: c.target });
    clear(result).append(h('p', { class: 'ok', id: 'command-status' }, `${c.label}: command ${cmd.id} ${cmd.state}.`));
  } catch (e) {
    clear(result).append(h('p', { class: 'err', id: 'command-status' }, `${c.label} refused: ${describe(e)}`));
  }
  await refresh();
}

async function ledgerInto(list, filter, showDevice) {
  const q = Object.entries(filter).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  try {
    const r = await get(`api/commands?limit=100${q ? `&${q}` : ''}`);
    // The list is redrawn on every refresh: evidence the user opened stays open.
    list.openSteps ||= new Set();
    clear(list).append(ledgerTable(r.commands || [], showDevice, () => ledgerInto(list, filter, showDevice), list.openSteps));
    clearBanner('commands-load');
  } catch (e) {
    if (e.status === 401) return;
    clear(list).append(h('p', { class: e.status === 404 ? 'muted notice unavailable' : 'err' },
      e.status === 404 ? MISSING : `Could not load commands: ${describe(e)}`));
  }
}

function ledgerTable(commands, showDevice, reload, openSteps) {
  if (commands.length === 0) return h('p', { class: 'muted empty' }, 'No commands yet.');
  const now = Date.now();
  return h('table', { class: 'grid commands' },
    h('thead', null, h('tr', null, ['#', showDevice ? 'Device' : null, 'Command', 'State', 'Asked', 'Detail', '']
      .filter((x) => x !== null).map((c) => h('th', null, c)))),
    h('tbody', null, commands.map((c) => h('tr', { dataset: { id: c.id, state: c.state } },
      h('td', null, c.id),
      showDevice ? h('td', null, h('a', { href: `#/device/${encodeURIComponent(c.device_id)}` }, c.device_id)) : null,
      h('td', null, h('code', null, c.target), c.value != null && c.value !== '' ? ` = ${c.value}` : '', h('span', { class: 'muted small' }, ` ${c.kind}`)),
      h('td', null, h('span', { class: `badge ${STATE_CLASS[c.state] || 'warn'}` }, c.state)),
      h('td', { title: when(c.created_at) }, ago(c.created_at, now), h('div', { class: 'muted small' }, c.requested_by)),
      h('td', null, c.detail || '', evidence(c, openSteps)),
      h('td', null, session.canCommand && c.state === 'queued' ? h('button', { type: 'button', class: 'command-cancel',
        onclick: () => cancel(c, reload) }, 'Cancel…') : null)))));
}

function evidence(c, openSteps) {
  if (!c.steps || c.steps.length === 0) return null;
  const d = h('details', { open: openSteps.has(c.id) }, h('summary', null, `${c.steps.length} steps`),
    h('ol', { class: 'steps' }, c.steps.map((s) => h('li', null, h('strong', null, s.state), ` ${when(s.at)}`,
      s.evidence ? h('pre', null, s.evidence) : null))));
  d.addEventListener('toggle', () => { if (d.open) openSteps.add(c.id); else openSteps.delete(c.id); });
  return d;
}

async function cancel(c, reload) {
  const ok = await confirmDialog(`Cancel command ${c.id}?`, h('p', null, `${c.target} on ${c.device_id} will not be sent.`), 'Cancel command');
  if (!ok) return;
  try {
    await post(`api/commands/${encodeURIComponent(c.id)}/cancel`);
  } catch (e) {
    banner(`Could not cancel command ${c.id}: ${describe(e)}`, 'error', 'commands-cancel');
  }
  await reload();
}
