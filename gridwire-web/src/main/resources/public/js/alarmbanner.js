// The header's alarm banner: "N active alarms (M critical)" on every page, linking to #/alarms.
import { get, session } from './api.js';

let timer = null;

/** Fetches the active list and updates the banner; quiet on errors (pages report their own). */
export async function refreshAlarmBanner() {
  const el = document.getElementById('alarm-banner');
  if (!el || !session.token) return;
  try {
    const alarms = await get('api/alarms');
    const critical = alarms.filter((a) => a.severity === 'critical').length;
    el.hidden = alarms.length === 0;
    el.className = `alarm-banner ${critical ? 'critical' : 'warning'}`;
    el.textContent = `⚠ ${alarms.length} active alarm${alarms.length === 1 ? '' : 's'}${critical ? ` (${critical} critical)` : ''}`
      + (alarms.length ? ` — ${alarms[0].device_id}: ${alarms[0].name}` : '');
  } catch { /* the next refresh tries again */ }
}

/** Refreshes the banner now and every 5 s. */
export function startAlarmBanner() {
  refreshAlarmBanner();
  if (!timer) timer = setInterval(refreshAlarmBanner, 5000);
}
