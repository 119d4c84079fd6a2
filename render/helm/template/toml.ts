/** toToml: BurntSushi/toml's encoder output for map values (tables after plain keys, sorted keys). */
import { formatFloat } from './float-format';
import { GoInt, isGoMap, sortedKeys } from './go-value';

function key(k: string): string { return /^[A-Za-z0-9_-]+$/.test(k) ? k : quote(k); }

function quote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    else if (cp < 0x20 || cp === 0x7f) out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof GoInt) return String(v.value);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    const s = formatFloat(v, 'f', -1);
    return Number.isInteger(v) && Math.abs(v) < 1e16 ? s + '.0' : formatFloat(v, 'g', -1).includes('e') ? formatFloat(v, 'e', -1).replace(/e([+-])0?(\d)/, 'e$1$2') : s;
  }
  if (Array.isArray(v)) return '[' + v.map(scalar).join(', ') + ']';
  throw new Error(`toml: cannot encode a value of type ${typeof v}`);
}

function isTable(v: unknown): boolean { return isGoMap(v); }
function isTableArray(v: unknown): boolean { return Array.isArray(v) && v.length > 0 && v.every(isGoMap); }

function encode(m: Record<string, unknown>, path: string[], out: string[], indent: string): void {
  const keys = sortedKeys(m).filter((k) => m[k] !== null && m[k] !== undefined);
  for (const k of keys) {
    const v = m[k];
    if (!isTable(v) && !isTableArray(v)) out.push(`${indent}${key(k)} = ${scalar(v)}`);
  }
  for (const k of keys) {
    const v = m[k];
    const p = [...path, key(k)];
    if (isTable(v)) {
      if (out.length) out.push('');
      out.push(`${indent}[${p.join('.')}]`);
      encode(v as Record<string, unknown>, p, out, indent + '  ');
    } else if (isTableArray(v)) {
      for (const item of v as Record<string, unknown>[]) {
        if (out.length) out.push('');
        out.push(`${indent}[[${p.join('.')}]]`);
        encode(item, p, out, indent + '  ');
      }
    }
  }
}

/** Helm's toToml: the TOML text, or the encoder's error message. */
export function toToml(v: unknown): string {
  try {
    if (!isGoMap(v)) throw new Error('toml: top-level values must be Go maps or structs');
    const out: string[] = [];
    encode(v, [], out, '');
    return out.length ? out.join('\n') + '\n' : '';
  } catch (e) {
    return (e as Error).message;
  }
}
