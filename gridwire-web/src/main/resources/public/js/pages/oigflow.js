// The OIG box's energy flow: PV, battery, grid and load around the inverter with live power and
// today's energy (kWh), each value naming the table it comes from.
import { h, clear } from '../dom.js';
import { oigBalance, display } from '../keyvalues.js';

const kw = (w) => (w === null ? 'no data' : `${display(w / 1000, 'kW').text} kW`);
const kwh = (wh) => (wh === null ? '—' : `${display(wh, 'Wh').text} kWh`);

/** A card; update(values) redraws it from the device's current values (metric → value). */
export function energyFlow() {
  const body = h('div', { class: 'flow', id: 'energy-flow' });
  const el = h('section', { class: 'card', 'aria-label': 'Energy flow' }, h('h2', null, 'Energy flow'), body,
    h('p', { class: 'muted small' }, 'Power from tbl_actual (live, W shown as kW); today\'s energy from tbl_dc_in (PV), tbl_ac_in (grid), tbl_ac_out (load) and tbl_batt (battery), Wh shown as kWh. Battery + is charging, grid + is import.'));
  function node(cls, title, power, today, src, active) {
    return h('div', { class: `node ${cls}${active ? ' active' : ''}`, dataset: { node: cls } },
      h('div', { class: 'n-title' }, title), h('div', { class: 'n-power' }, power),
      today ? h('div', { class: 'n-today' }, today) : null, h('div', { class: 'n-src' }, src));
  }
  function update(v) {
    const b = oigBalance(v);
    const arrow = (w, pos, neg) => (w === null || Math.abs(w) < 20 ? '·' : w > 0 ? pos : neg);
    clear(body).append(
      node('pv', 'PV', kw(b.pv), `today ${kwh(b.pvToday)}`, 'actual FV_P1+FV_P2 · dc_in FV_AD', b.pv > 20),
      node('grid', 'Grid', kw(b.grid), `today in ${kwh(b.importToday)} · out ${kwh(b.exportToday)}`, 'actual ACI_W* · ac_in AC_AD/AC_PD', b.grid !== null && Math.abs(b.grid) > 20),
      h('div', { class: 'hub' }, h('div', { class: 'arrow' }, `${arrow(b.pv, '↓', '')} ${arrow(b.grid, '→', '←')} ${arrow(b.load, '→', '')} ${arrow(b.battery, '↓', '↑')}`), 'inverter'),
      node('load', 'Load', kw(b.load), `today ${kwh(b.loadToday)}`, 'actual ACO_P · ac_out EN_DAY', b.load > 20),
      node('batt', `Battery ${b.soc === null ? '' : `${Math.round(b.soc)} %`}`, kw(b.battery),
        `today charged ${kwh(b.chargedToday)} · discharged ${kwh(b.dischargedToday)}`, 'actual BAT_P, BAT_C · batt BAT_APD/BAT_AND', b.battery !== null && Math.abs(b.battery) > 20));
  }
  return { el, update };
}
