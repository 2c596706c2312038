// Colour theme: follows the system (prefers-color-scheme) until the operator picks light or dark;
// the choice is kept in this browser. The stylesheet reads <html data-theme="light|dark">.

const KEY = 'gridwire.theme';
const NEXT = { auto: 'dark', dark: 'light', light: 'auto' };
const LABEL = { auto: '◐ Auto', dark: '☾ Dark', light: '☀ Light' };

export function currentTheme() {
  const t = localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'auto';
}

/** True when the page is drawn dark (chosen, or following a dark system setting). */
export function isDark() {
  const t = currentTheme();
  return t === 'dark' || (t === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
}

function apply(button) {
  const t = currentTheme();
  if (t === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = t;
  if (button) {
    button.textContent = LABEL[t];
    button.setAttribute('aria-label', `Colour theme: ${t}; activate for ${NEXT[t]}`);
  }
  window.dispatchEvent(new CustomEvent('gridwire-theme'));
}

/** Applies the stored choice and wires the header's toggle (auto → dark → light → auto). */
export function initTheme(button) {
  apply(button);
  button?.addEventListener('click', () => {
    const next = NEXT[currentTheme()];
    if (next === 'auto') localStorage.removeItem(KEY); else localStorage.setItem(KEY, next);
    apply(button);
  });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => apply(button));
}
