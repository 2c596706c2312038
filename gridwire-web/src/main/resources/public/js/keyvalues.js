// What an operator looks at first, per device: the profile's primary metrics (catalog
// `primary: true`), the OIG box's power balance, or the first numeric metrics of anything else.
// Also unit normalisation (Wh → kWh everywhere, so energies are comparable) and OIG table labels.

/** OIG metric name prefixes (table without "tbl_"), longest first so "ac_in_b" wins over "ac_in". */
const OIG_TABLES = ['invertor_prms', 'batt_prms', 'box_prms', 'ac_in_b', 'ac_in2', 'ac_out', 'ac_in', 'dc_in', 'actual',
  'invertor', 'boiler', 'batt', 'box'];

/** The OIG table a metric comes from ("tbl_batt"), or null for a metric of no known table. */
export function oigTable(metric) {
  const t = OIG_TABLES.find((p) => metric.startsWith(`${p}_`));
  return t ? `tbl_${t}` : null;
}

export const isOig = (device) => device?.source === 'oig';

/** A sum of the metrics present; null when none is a number ("no data", never 0). */
function sum(values, names) {
  let total = null;
  for (const n of names) if (typeof values[n] === 'number') total = (total ?? 0) + values[n];
  return total;
}

const first = (values, names) => names.map((n) => values[n]).find((v) => typeof v === 'number') ?? null;

/** The OIG box's live power balance in W (null when unknown) and today's energies in Wh. */
export function oigBalance(v) {
  return {
    pv: sum(v, ['actual_fv_p1', 'actual_fv_p2']) ?? sum(v, ['dc_in_fv_p1', 'dc_in_fv_p2']),
    battery: first(v, ['actual_bat_p', 'batt_bat_p']),
    soc: first(v, ['actual_bat_c', 'batt_bat_c']),
    grid: sum(v, ['actual_aci_wr', 'actual_aci_ws', 'actual_aci_wt']) ?? sum(v, ['ac_in_aci_wr', 'ac_in_aci_ws', 'ac_in_aci_wt']),
    load: first(v, ['actual_aco_p', 'ac_out_aco_p']),
    pvToday: first(v, ['dc_in_fv_ad', 'actual_fv_ad']),
    importToday: first(v, ['ac_in_ac_ad']),
    exportToday: first(v, ['ac_in_ac_pd']),
    loadToday: first(v, ['ac_out_en_day']),
    chargedToday: first(v, ['batt_bat_apd']),
    dischargedToday: first(v, ['batt_bat_and']),
  };
}

/** A value and unit for display: Wh shown as kWh, W over 10 kW as kW; numbers rounded for reading. */
export function display(v, unit) {
  if (typeof v !== 'number') return { text: v === true ? 'on' : v === false ? 'off' : v === null || v === undefined ? '—' : String(v), unit: '' };
  let x = v;
  let u = unit || '';
  if (u === 'Wh') { x = v / 1000; u = 'kWh'; }
  const a = Math.abs(x);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 1 : 2;
  return { text: String(Math.round(x * 10 ** digits) / 10 ** digits), unit: u };
}

/**
 * Up to `max` key values of a device: [{metric, label, value, unit}], value null when unknown.
 * @param {object} device from /api/devices
 * @param {object} values metric → latest value
 * @param {Array} infos the device's catalog entries (may be empty while loading)
 */
export function keyValues(device, values, infos, max = 5) {
  if (isOig(device)) {
    const b = oigBalance(values);
    return [
      { metric: 'pv', label: 'PV', value: b.pv, unit: 'W' },
      { metric: 'soc', label: 'Battery', value: b.soc, unit: '%' },
      { metric: 'battery', label: 'Batt. power', value: b.battery, unit: 'W' },
      { metric: 'grid', label: 'Grid', value: b.grid, unit: 'W' },
      { metric: 'load', label: 'Load', value: b.load, unit: 'W' },
    ];
  }
  const byName = new Map((infos || []).map((i) => [i.name, i]));
  let names = (infos || []).filter((i) => i.primary).map((i) => i.name);
  if (names.length === 0) {
    const numeric = Object.keys(values || {}).filter((k) => typeof values[k] === 'number' || values[k] === null);
    names = numeric.sort().slice(0, max);
  }
  return names.slice(0, max).map((n) => {
    const i = byName.get(n) || {};
    return { metric: n, label: shortLabel(i.label || n), value: values?.[n] ?? null, unit: i.unit || '' };
  });
}

/** "Generator status" → "Status", "Accumulated run hours" kept short for a card. */
function shortLabel(label) {
  const l = label.replace(/^(Generator|Genset|Engine) /i, '');
  return l.charAt(0).toUpperCase() + l.slice(1);
}
