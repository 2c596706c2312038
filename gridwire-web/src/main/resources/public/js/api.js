// REST client: bearer token from sessionStorage, JSON errors as ApiError, 401 → sign-in.

const TOKEN_KEY = 'gridwire.token';
const ROLE_KEY = 'gridwire.role';
const EMAIL_KEY = 'gridwire.email';

/** An HTTP error answered by the gateway ({"error","detail"}) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail ? `${error}: ${detail}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

/**
 * The dashboard's root (the folder of index.html), taken from this module's own URL: behind a
 * reverse proxy or Home Assistant's ingress the dashboard lives under a path prefix, and every API
 * call and the WebSocket resolve against this root instead of the host's root.
 */
export const ROOT = new URL('../', import.meta.url);

/** The absolute URL of an API path ('/api/devices' or 'api/devices'), under the dashboard's root. */
export function url(path) {
  return new URL(path.replace(/^\/+/, ''), ROOT).href;
}

/** The ws:// or wss:// URL of a WebSocket path, under the dashboard's root. */
export function wsUrl(path) {
  const u = new URL(url(path));
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}

let onUnauthorized = () => {};

export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get role() { return sessionStorage.getItem(ROLE_KEY) || 'viewer'; },
  get email() { return sessionStorage.getItem(EMAIL_KEY) || ''; },
  get isAdmin() { return this.role === 'admin'; },
  /** Operators and admins send commands (docs/roles.md). */
  get canCommand() { return this.role === 'admin' || this.role === 'operator'; },
  save(token, role, email) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ROLE_KEY, role);
    sessionStorage.setItem(EMAIL_KEY, email);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ROLE_KEY);
    sessionStorage.removeItem(EMAIL_KEY);
  },
};

/** Calls the API (a path under the dashboard's root, see url()); resolves with parsed JSON (or null for 204), rejects with ApiError. */
export async function api(method, path, body, { signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', `the gateway is unreachable (${e.message})`);
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, json?.error || `http_${res.status}`, json?.detail || text.slice(0, 200) || res.statusText);
    if (res.status === 401 && !path.startsWith('api/auth/login')) {
      session.clear();
      onUnauthorized(err);
    }
    throw err;
  }
  return json;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body) => api('POST', path, body ?? {});

/** Signs in; keeps the token for this browser tab. */
export async function login(email, password) {
  const r = await api('POST', 'api/auth/login', { email, password });
  session.save(r.token, r.role, email);
  return r;
}

export async function logout() {
  try { await api('POST', 'api/auth/logout', {}); } catch { /* the token is dropped anyway */ }
  session.clear();
}
