// The one client of the JSON API. Every call goes through request(): it sends the API key when
// one is stored, and turns an error answer ({"error": "..."}) into an ApiError with that message.
// URLs are relative ("api/..."), so the UI also works behind a reverse proxy under a sub-path.

const KEY_STORAGE = 'autoanime.apiKey';

export class ApiError extends Error {
  /** `body`: the error answer as it came (null when it was not JSON), for answers that say more than an error. */
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export const apiKey = {
  get: () => localStorage.getItem(KEY_STORAGE),
  set: (key) => localStorage.setItem(KEY_STORAGE, key),
  clear: () => localStorage.removeItem(KEY_STORAGE),
};

const unauthorizedListeners = new Set();

/** fn(error) runs when a call with the stored key (or none) is refused with 401. */
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** A URL for things that cannot send a header (EventSource, <img>): the key goes in ?apikey=. */
export function urlWithKey(path) {
  const key = apiKey.get();
  if (!key) return path;
  return path + (path.includes('?') ? '&' : '?') + 'apikey=' + encodeURIComponent(key);
}

async function request(method, path, body, key = apiKey.get()) {
  const headers = { Accept: 'application/json' };
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch('api/' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'AutoAnime could not be reached. Is the service running?');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, (data && data.error) || `HTTP ${response.status}`, data);
    // A refusal of a key that is no longer the stored one (asked before the user entered another)
    // says nothing about the stored key.
    if (response.status === 401 && key === apiKey.get()) unauthorizedListeners.forEach((fn) => fn(error));
    throw error;
  }
  return data;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body),
  patch: (path, body) => request('PATCH', path, body),
  delete: (path) => request('DELETE', path),
  /** Whether the service takes this key (null: no key); answers true, or throws the ApiError. */
  async accepts(key) {
    await request('GET', 'sonarr/sync/runs?limit=1', undefined, key);
    return true;
  },
};

/** The message to show for a failed call. */
export function describeError(error) {
  return error instanceof ApiError ? error.message : String(error && error.message ? error.message : error);
}
