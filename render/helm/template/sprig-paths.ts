/** Sprig's path and URL functions (Go's path package and net/url). */
import { type SignedFunc, sig } from './func-sig';
import { type GoMap, hasKey, newMap } from './go-value';
import { strval } from './sprig-convert';

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function base(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  if (i >= 0) p = p.slice(i + 1);
  return p === '' ? '/' : p;
}

function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

function unescapePath(s: string): string {
  try { return decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')); } catch { return s; }
}

function escapePath(s: string): string {
  return s.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => Array.from(Buffer.from(c, 'utf8')).map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''));
}

/** net/url.Parse, enough for urlParse (scheme, authority, path, query, fragment, opaque). */
function urlParse(raw: string): GoMap {
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) { fragment = unescapePath(rest.slice(hash + 1)); rest = rest.slice(0, hash); }
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (sm) { scheme = sm[1].toLowerCase(); rest = rest.slice(sm[0].length); }
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) { query = rest.slice(q + 1); rest = rest.slice(0, q); }
  let opaque = '';
  let host = '';
  let userinfo = '';
  let path = '';
  if (scheme && !rest.startsWith('/')) opaque = rest;
  else {
    if (rest.startsWith('//')) {
      rest = rest.slice(2);
      const slash = rest.indexOf('/');
      let auth = slash >= 0 ? rest.slice(0, slash) : rest;
      rest = slash >= 0 ? rest.slice(slash) : '';
      const at = auth.lastIndexOf('@');
      if (at >= 0) { userinfo = auth.slice(0, at); auth = auth.slice(at + 1); }
      host = auth;
    }
    path = unescapePath(rest);
  }
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  return newMap([['scheme', scheme], ['host', host], ['hostname', hostname], ['path', path], ['query', query],
    ['opaque', opaque], ['fragment', fragment], ['userinfo', userinfo]]);
}

function urlJoin(d: GoMap): string {
  const get = (k: string): string => (hasKey(d, k) ? strval(d[k]) : '');
  let s = '';
  const scheme = get('scheme');
  if (scheme) s += scheme + ':';
  const opaque = get('opaque');
  if (opaque) s += opaque;
  else {
    const host = get('host');
    const user = get('userinfo');
    if (scheme || host || user) {
      if (host || get('path') || user) s += '//';
      if (user) s += user + '@';
      s += host;
    }
    let path = get('path');
    if (path && !path.startsWith('/') && host) s += '/';
    if (path === '' && false) path = '';
    s += escapePath(path);
  }
  const query = get('query');
  if (query) s += '?' + query;
  const frag = get('fragment');
  if (frag) s += '#' + escapePath(frag);
  return s;
}

export function pathFuncs(): Record<string, SignedFunc> {
  return {
    base: sig('string', base),
    dir: sig('string', dir),
    clean: sig('string', cleanPath),
    ext: sig('string', ext),
    isAbs: sig('string', (p: string) => p.startsWith('/')),
    osBase: sig('string', base),
    osDir: sig('string', dir),
    osClean: sig('string', cleanPath),
    osExt: sig('string', ext),
    osIsAbs: sig('string', (p: string) => p.startsWith('/')),
    urlParse: sig('string', urlParse),
    urlJoin: sig('map', urlJoin),
  };
}
