import { HelmError, type Chart } from './chart';
import { hasKey, isMap, setKey, type GoMap, type ValueOrigins } from './value-origins';

/**
 * Helm's values coalescing (facts from Helm's documentation and observed `helm template` output):
 * - the user's values win over the chart's values.yaml, key by key, maps merged recursively;
 * - a user `null` deletes the key from the chart's defaults (a null the chart itself writes stays null);
 * - a map and a non-map never merge: the higher-priority side is kept;
 * - each subchart gets the parent's `<name>:` section, coalesced with its own values.yaml, and the parent's
 *   `global` map merged into its own `global` (the parent's entries win).
 * Everything is copied, never shared, so the origin table (last writer) stays exact.
 */
export class Coalescer {
  constructor(private readonly origins: ValueOrigins) {}

  /** A deep copy of a Go value, carrying origins along. */
  clone<T>(v: T): T {
    if (Array.isArray(v)) {
      const out = v.map((x) => this.clone(x));
      v.forEach((_x, i) => this.origins.set(out, i, this.origins.get(v, i)));
      return out as T;
    }
    if (isMap(v)) {
      const out: GoMap = {};
      for (const k of Object.keys(v)) {
        setKey(out, k, this.clone(v[k]));
        this.origins.set(out, k, this.origins.get(v, k));
      }
      return out as T;
    }
    return v;
  }

  /** Helm's mergeMaps for user values (files in order, later wins, no null deletion): `src` into a copy of `dst`. */
  mergeUser(dst: GoMap, src: GoMap): GoMap {
    const out = this.clone(dst);
    for (const k of Object.keys(src)) {
      if (isMap(src[k]) && isMap(out[k])) setKey(out, k, this.mergeUser(out[k] as GoMap, src[k] as GoMap));
      else setKey(out, k, this.clone(src[k]));
      this.origins.set(out, k, this.origins.get(src, k));
    }
    return out;
  }

  /** The values a chart's templates see: `user` (already a private copy; mutated) coalesced with the chart tree. */
  coalesce(chart: Chart, dest: GoMap): GoMap {
    this.chartValues(chart, dest);
    this.deps(chart, dest);
    return dest;
  }

  private chartValues(chart: Chart, dest: GoMap): void {
    const src = chart.values;
    for (const k of Object.keys(src)) {
      if (!hasKey(dest, k)) {
        setKey(dest, k, this.clone(src[k]));
        this.origins.set(dest, k, this.origins.get(src, k));
      } else if (dest[k] === null) {
        delete dest[k];
        this.origins.set(dest, k, undefined);
      } else if (isMap(dest[k]) && isMap(src[k])) {
        this.tables(dest[k] as GoMap, src[k] as GoMap);
      }
    }
  }

  /** Merge `src` under `dst` (dst wins; a null in dst deletes the key). */
  tables(dst: GoMap, src: GoMap): GoMap {
    for (const k of Object.keys(src)) {
      if (hasKey(dst, k) && dst[k] === null) {
        delete dst[k];
        this.origins.set(dst, k, undefined);
      } else if (!hasKey(dst, k)) {
        setKey(dst, k, this.clone(src[k]));
        this.origins.set(dst, k, this.origins.get(src, k));
      } else if (isMap(src[k]) && isMap(dst[k])) {
        this.tables(dst[k] as GoMap, src[k] as GoMap);
      }
    }
    return dst;
  }

  private deps(chart: Chart, dest: GoMap): void {
    for (const sub of chart.dependencies) {
      const name = sub.metadata.name;
      if (!hasKey(dest, name)) setKey(dest, name, {});
      else if (!isMap(dest[name])) throw new HelmError(`type mismatch on ${name}: ${goBadVerbT(dest[name])}`, chart.chartYaml.path);
      const sv = dest[name] as GoMap;
      this.globals(sv, dest);
      this.coalesce(sub, sv);
    }
  }

  /** The parent's `global` into the subchart's (the parent's entries win). */
  private globals(dest: GoMap, parent: GoMap): void {
    const dg = hasKey(dest, 'global') ? dest.global : {};
    const sg = hasKey(parent, 'global') ? parent.global : {};
    if (!isMap(dg) || !isMap(sg)) return;
    for (const k of Object.keys(sg)) {
      const v = sg[k];
      if (isMap(v)) {
        const vv = this.clone(v);
        if (!hasKey(dg, k)) setKey(dg, k, vv);
        else if (isMap(dg[k])) setKey(dg, k, this.tables(vv, dg[k] as GoMap));
        else continue;
      } else if (hasKey(dg, k) && isMap(dg[k])) {
        continue;
      } else {
        setKey(dg, k, v);
      }
      this.origins.set(dg, k, this.origins.get(sg, k));
    }
    if (!hasKey(dest, 'global')) this.origins.set(dest, 'global', this.origins.get(parent, 'global'));
    setKey(dest, 'global', dg);
  }
}

/** Go's `%t` of a value that is not a bool (`%!t(string=x)`, `%!t(<nil>)`). */
function goBadVerbT(v: unknown): string {
  if (v === null || v === undefined) return '%!t(<nil>)';
  if (typeof v === 'boolean') return String(v);
  const type = typeof v === 'string' ? 'string' : typeof v === 'number' ? 'float64' : Array.isArray(v) ? '[]interface {}' : 'int64';
  return `%!t(${type}=${Array.isArray(v) ? `[${v.join(' ')}]` : String(v)})`;
}

/** The value at a dotted path (`a.b.c`), or undefined; the last step must not be a map (Helm's PathValue). */
export function pathValue(vals: GoMap, path: string): { found: boolean; value?: unknown } {
  const parts = path.split('.');
  let cur: unknown = vals;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isMap(cur) || !hasKey(cur, parts[i])) return { found: false };
    cur = cur[parts[i]];
  }
  const last = parts[parts.length - 1];
  if (!isMap(cur) || !hasKey(cur, last) || isMap(cur[last])) return { found: false };
  return { found: true, value: cur[last] };
}

/** The map at a dotted path, or undefined (Helm's Values.Table). */
export function tableAt(vals: GoMap, path: string): GoMap | undefined {
  let cur: unknown = vals;
  for (const p of path.split('.')) {
    if (!isMap(cur) || !hasKey(cur, p)) return undefined;
    cur = cur[p];
  }
  return isMap(cur) ? cur : undefined;
}
