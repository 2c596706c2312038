// WebSocket device sessions: who is connected; send a JSON message to one, or broadcast a raw
// Modbus command (hex) to all (operators and admins; device tokens: admins).
import { post, session } from '../api.js';
import { h, clear, when, pick } from '../dom.js';
import { section, table, confirmDialog, describe, banner } from '../ui.js';
import { fill, every, adminOnly, operatorOnly } from './common.js';
import { loadTokens } from './tokens.js';

const MISSING = 'The WebSocket device endpoint is not available on this gateway.';
const DEFAULT_HEX = '09 03 00 00 00 0a c4 85';

export function mount(view) {
  const list = section('Connected devices', 'ws-sessions');
  const send = section('Send a message', 'ws-send');
  const broadcast = section('Modbus broadcast', 'ws-broadcast');
  const tokens = section('Device token', 'device-token');
  view.append(h('div', { class: 'toolbar page-head' }, h('h1', null, 'Device sessions')), list.el,
    h('div', { class: 'columns' }, send.el, broadcast.el), tokens.el);

  const tokenDevice = h('input', { id: 'token-device', placeholder: 'device id, e.g. ws-logger-1', required: true });
  const tokenTtl = h('input', { id: 'token-ttl', placeholder: 'e.g. 30d (empty: no expiry)' });
  const tokenBtn = h('button', { id: 'token-submit', class: 'primary', type: 'submit' }, 'Issue token');
  const tokenResult = h('div', { class: 'result', id: 'token-result' });
  const tokenForm = h('form', { id: 'token-form', class: 'inline-form' }, h('label', null, 'Device', tokenDevice), h('label', null, 'Lifetime', tokenTtl), tokenBtn);

  const target = h('select', { id: 'send-session' });
  const message = h('textarea', { id: 'send-message', rows: 4, spellcheck: 'false' }, '{"command": "status"}');
  const sendBtn = h('button', { id: 'send-submit', class: 'primary', type: 'submit' }, 'Send');
  const sendResult = h('div', { class: 'result', id: 'send-result' });
  const sendForm = h('form', { id: 'send-form', class: 'stack-form' }, h('label', null, 'Session', target), h('label', null, 'JSON message', message), sendBtn);

  const hex = h('input', { id: 'broadcast-hex', value: DEFAULT_HEX, spellcheck: 'false' });
  const bcBtn = h('button', { id: 'broadcast-submit', class: 'danger', type: 'submit' }, 'Broadcast…');
  const bcResult = h('div', { class: 'result', id: 'broadcast-result' });
  const bcForm = h('form', { id: 'broadcast-form', class: 'stack-form' }, h('label', null, 'Command (hex)', hex), bcBtn);

  const disable = (f) => { for (const el of f.querySelectorAll('input, select, textarea, button')) el.disabled = true; };
  for (const f of [sendForm, bcForm]) if (!session.canCommand) disable(f);
  if (!session.isAdmin) disable(tokenForm);
  clear(send.body).append(...[operatorOnly(session.canCommand), sendForm, sendResult].filter(Boolean));
  clear(broadcast.body).append(...[operatorOnly(session.canCommand), bcForm, bcResult].filter(Boolean));
  clear(tokens.body).append(...[h('p', { class: 'muted' }, 'A bearer token for one device (shown once), e.g. for a device that pushes data over the API.'),
    adminOnly(session.isAdmin), tokenForm, tokenResult].filter(Boolean));
  const tokenList = h('div', { id: 'token-list-body' });
  if (session.isAdmin) {
    tokens.body.append(h('h3', null, 'Issued device tokens'), tokenList);
    loadTokens(tokenList);
  }

  tokenForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { device_id: tokenDevice.value.trim() };
    if (tokenTtl.value.trim()) body.ttl = tokenTtl.value.trim();
    try {
      const r = await post('api/tokens', body);
      clear(tokenResult).append(h('p', { class: 'ok', id: 'token-status' }, `Token for ${r.device_id}${r.expires_at ? `, valid until ${when(r.expires_at)}` : ''} (copy it now, it is not shown again):`),
        h('pre', { id: 'token-value' }, r.token));
      loadTokens(tokenList);
    } catch (err) {
      clear(tokenResult).append(h('p', { class: 'err', id: 'token-status' }, `Refused: ${describe(err)}`));
      banner(`Token refused: ${describe(err)}`, 'error', 'token');
    }
  });

  sendForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    let body;
    try { body = JSON.parse(message.value); } catch (err) { clear(sendResult).append(h('p', { class: 'err' }, `Not JSON: ${err.message}`)); return; }
    if (!target.value) { clear(sendResult).append(h('p', { class: 'err' }, 'No session selected.')); return; }
    try {
      const r = await post(`api/sessions/${encodeURIComponent(target.value)}/messages`, body);
      clear(sendResult).append(h('p', { class: 'ok', id: 'send-status' }, `Sent: ${r?.outcome ?? 'delivered'}${r?.command_id ? ` (command ${r.command_id})` : ''}.`));
    } catch (err) {
      clear(sendResult).append(h('p', { class: 'err', id: 'send-status' }, `Refused: ${describe(err)}`));
      banner(`Message refused: ${describe(err)}`, 'error', 'ws-send');
    }
  });

  bcForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const cmd = hex.value.trim();
    if (!/^([0-9a-f]{2}\s*)+$/i.test(cmd)) { clear(bcResult).append(h('p', { class: 'err' }, 'The command must be hex bytes, e.g. 09 03 00 00 00 0a c4 85.')); return; }
    const ok = await confirmDialog('Broadcast to every connected device?', h('p', null, 'Send ', h('code', null, cmd), ' to all connected WebSocket devices?'), 'Broadcast');
    if (!ok) { clear(bcResult).append(h('p', { class: 'muted' }, 'Cancelled.')); return; }
    try {
      const r = await post('api/modbus/broadcast', { hex_command: cmd });
      clear(bcResult).append(h('p', { class: 'ok', id: 'broadcast-status' },
        `${r.detail || 'Broadcast sent'}: ${pick(r, 'sent_successfully', 'sentSuccessfully') ?? '?'} of ${pick(r, 'total_devices', 'totalDevices') ?? '?'} devices, ${r.failed ?? 0} failed.`));
    } catch (err) {
      clear(bcResult).append(h('p', { class: 'err', id: 'broadcast-status' }, `Refused: ${describe(err)}`));
      banner(`Broadcast refused: ${describe(err)}`, 'error', 'ws-broadcast');
    }
  });

  const refresh = async () => {
    const data = await fill(list.body, 'api/sessions', (raw) => {
      const rows = Array.isArray(raw) ? raw : raw.sessions || [];
      const t = table(rows, [
        { label: 'Session', get: (r) => pick(r, 'session_id', 'sessionId', 'id') },
        { label: 'Device', get: (r) => {
          const id = pick(r, 'device_id', 'deviceId');
          return id ? h('a', { href: `#/device/${encodeURIComponent(id)}` }, id) : '—';
        } },
        { label: 'Signed in as', get: (r) => [pick(r, 'owner', 'email'), r.auth ? ` (${r.auth})` : ''].join('') || '—' },
        { label: 'Node', get: (r) => `${r.node ?? '—'}${r.local === false ? ' (remote)' : ''}` },
        { label: 'Address', get: (r) => pick(r, 'remote_address', 'remoteAddress') },
        { label: 'Connected', get: (r) => when(pick(r, 'connected_at', 'connectedAt')) },
        { label: 'Last message', get: (r) => when(pick(r, 'last_message_at', 'lastMessageAt')) },
        { label: 'Messages', get: (r) => pick(r, 'messages_received', 'messagesReceived') },
        { label: 'Rejected / throttled', get: (r) => `${pick(r, 'messages_rejected', 'messagesRejected') ?? '—'} / ${pick(r, 'messages_throttled', 'messagesThrottled') ?? '—'}` },
        { label: 'Commands', get: (r) => pick(r, 'commands_sent', 'commandsSent') },
      ], 'No device is connected.');
      const note = raw.complete === false ? h('p', { class: 'notice warn' }, 'The session directory is unreachable: only this node\'s sessions are listed.') : null;
      return note ? h('div', null, note, t) : t;
    }, MISSING);
    const rows = data ? (Array.isArray(data) ? data : data.sessions || []) : [];
    const ids = rows.map((r) => pick(r, 'session_id', 'sessionId', 'id'));
    const keep = target.value;
    if ([...target.options].map((o) => o.value).join() !== ids.join()) {
      clear(target).append(...ids.map((i) => h('option', { value: i }, i)));
      if (ids.includes(keep)) target.value = keep;
    }
  };
  return every(5000, refresh);
}
