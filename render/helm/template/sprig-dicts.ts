/** Sprig's dictionary functions, including mergo-style merge and mergeOverwrite (which mutate their destination). */
import { type SignedFunc, sig } from './func-sig';
import { type GoMap, goTypeTag, hasKey, isGoMap, isGoStruct, newMap, setKey, sortedKeys, tagType, truth, typeName } from './go-value';
import { goStrings, strval } from './sprig-convert';

function dict(...kv: unknown[]): GoMap {
  const m = newMap();
  for (let i = 0; i < kv.length; i += 2) setKey(m, strval(kv[i]), i + 1 < kv.length ? kv[i + 1] : '');
  return m;
}

/** mergo.Merge / mergo.Merge(WithOverride) of map[string]interface{} values, as Sprig calls them. */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const k of Object.keys(src)) {
    const sv = src[k];
    const present = hasKey(dst, k);
    const dv = present ? dst[k] : undefined;
    if (isGoMap(sv)) {
      if (isGoMap(dv)) { mergeInto(dv, sv, overwrite); continue; }
      if (present && truth(dv)) continue;
      setKey(dst, k, sv);
      continue;
    }
    if (overwrite) { setKey(dst, k, sv === undefined ? null : sv); continue; }
    if (sv === null || sv === undefined) continue;
    if (!present || !truth(dv)) setKey(dst, k, sv);
  }
}

/** copystructure.Copy: maps and slices copied deeply; scalars and structs shared. */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map(deepCopy);
    const tag = goTypeTag(v);
    return tag ? tagType(out, tag) : out;
  }
  if (isGoMap(v)) {
    const out = newMap(Object.keys(v).map((k) => [k, deepCopy(v[k])] as [string, unknown]));
    const tag = goTypeTag(v);
    return tag ? tagType(out, tag) : out;
  }
  return v;
}

function dig(ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  let dictV = ps[ps.length - 1];
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new Error(`interface conversion: interface {} is ${typeName(k)}, not string`);
    return k;
  });
  for (let i = 0; ; i++) {
    if (!isGoMap(dictV)) throw new Error(`interface conversion: interface {} is ${dictV === null || dictV === undefined ? 'nil' : typeName(dictV)}, not map[string]interface {}`);
    if (!hasKey(dictV, keys[i])) return def;
    const step = dictV[keys[i]];
    if (i === keys.length - 1) return step;
    dictV = step;
  }
}

export function dictFuncs(): Record<string, SignedFunc> {
  return {
    dict: sig('...any', dict),
    get: sig('map, string', (d: GoMap, k: string) => (hasKey(d, k) ? d[k] : '')),
    set: sig('map, string, any', (d: GoMap, k: string, v: unknown) => { setKey(d, k, v); return d; }),
    unset: sig('map, string', (d: GoMap, k: string) => { delete d[k]; return d; }),
    hasKey: sig('map, string', (d: GoMap, k: string) => hasKey(d, k)),
    pluck: sig('string, ...map', (k: string, ...ds: GoMap[]) => ds.filter((d) => hasKey(d, k)).map((d) => d[k])),
    keys: sig('...map', (...ds: GoMap[]) => goStrings(ds.flatMap((d) => sortedKeys(d)))),
    pick: sig('map, ...string', (d: GoMap, ...ks: string[]) => newMap(ks.filter((k) => hasKey(d, k)).map((k) => [k, d[k]] as [string, unknown]))),
    omit: sig('map, ...string', (d: GoMap, ...ks: string[]) => newMap(Object.keys(d).filter((k) => !ks.includes(k)).map((k) => [k, d[k]] as [string, unknown]))),
    values: sig('map', (d: GoMap) => sortedKeys(d).map((k) => d[k])),
    merge: sig('map, ...map', (dst: GoMap, ...srcs: GoMap[]) => { for (const s of srcs) mergeInto(dst, s, false); return dst; }),
    mustMerge: sig('map, ...map', (dst: GoMap, ...srcs: GoMap[]) => { for (const s of srcs) mergeInto(dst, s, false); return dst; }),
    mergeOverwrite: sig('map, ...map', (dst: GoMap, ...srcs: GoMap[]) => { for (const s of srcs) mergeInto(dst, s, true); return dst; }),
    mustMergeOverwrite: sig('map, ...map', (dst: GoMap, ...srcs: GoMap[]) => { for (const s of srcs) mergeInto(dst, s, true); return dst; }),
    dig: sig('...any', (...ps: unknown[]) => dig(ps)),
    deepCopy: sig('any', (v: unknown) => deepCopy(v)),
    mustDeepCopy: sig('any', (v: unknown) => deepCopy(v)),
  };
}

export { isGoStruct };
