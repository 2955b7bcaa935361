// Hash routes (#/series/12): no server route per page, and they work under any URL prefix.
// A page is registered in pages/index.js with a path pattern such as '/series/:id'.
import { useEffect, useState } from './html.js';

export function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/library';
}

/** A parameter of the current path's query (#/activity?download=12), or null. */
export function queryParam(name) {
  return new URLSearchParams(currentPath().split('?')[1] || '').get(name);
}

/** The pattern's parameters ({id: '12'}) when path matches it, else null. */
export function match(pattern, path) {
  const want = pattern.split('/');
  const have = path.split('?')[0].split('/');
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** The current path; re-renders the caller when it changes. */
export function usePath() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return path;
}

/** A parameter of the current path's query, or null; re-renders the caller when the path changes. */
export function useQueryParam(name) {
  usePath();
  return queryParam(name);
}

export const href = (path) => '#' + path;
