// Which metrics belong on one chart: the three phases of a quantity, and the OIG power balance.

const TRIPLES = [['uab', 'ubc', 'uca'], ['ua', 'ub', 'uc'], ['ia', 'ib', 'ic'], ['a', 'b', 'c'], ['l1', 'l2', 'l3'],
  ['wr', 'ws', 'wt'], ['vr', 'vs', 'vt'], ['pr', 'ps', 'pt'], ['par', 'pas', 'pat'], ['r', 's', 't']];

/** A label without its phase mark: "Generator UAB" → "Generator", "Current L1" → "Current". */
function stem(label) {
  return label.replace(/\s*(\(?\+?import.*\)?)$/i, '').replace(/\s+(UAB|UA|IA|L1|A|R)$/i, '').trim();
}

/** [{id, label, metrics: [3 names]}] for every quantity whose three phases the device reports. */
export function phaseGroups(names, labelOf = (n) => n) {
  const have = new Set(names);
  const out = [];
  const used = new Set();
  for (const n of names) {
    if (used.has(n)) continue;
    for (const [p1, p2, p3] of TRIPLES) {
      const sep = n.endsWith(`_${p1}`) ? '_' : '';
      if (!n.endsWith(`${sep}${p1}`) || (p1.length === 1 && !sep)) continue;
      const base = n.slice(0, n.length - p1.length - sep.length);
      if (!base) continue;
      const trio = [`${base}${sep}${p1}`, `${base}${sep}${p2}`, `${base}${sep}${p3}`];
      if (trio.every((m) => have.has(m) && !used.has(m))) {
        trio.forEach((m) => used.add(m));
        out.push({ id: `phases:${base}`, label: `${stem(labelOf(trio[0]))} — 3 phases`, metrics: trio });
        break;
      }
    }
  }
  return out;
}

/** The OIG box's PV, load, battery and grid power on one chart, when reported. */
export function oigBalanceGroup(names) {
  const have = new Set(names);
  const metrics = ['actual_fv_p1', 'actual_fv_p2', 'actual_aco_p', 'actual_bat_p'].filter((m) => have.has(m));
  return metrics.length >= 2 ? [{ id: 'oig-balance', label: 'PV vs load vs battery', metrics }] : [];
}
