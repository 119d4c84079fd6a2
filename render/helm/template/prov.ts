/** How value-preserving functions carry provenance from their arguments to their result. */
import type { Segment } from '../../source-map';
import type { Prov, ProvTransform } from './func-sig';

/** Segments of `input` after `prefix` is prepended and `pad` inserted after every newline (indent, nindent). */
export function indentSegs(segs: ReadonlyArray<Segment>, input: string, prefixLen: number, padLen: number): Segment[] {
  // newline offsets of the input, to count how many pads precede an offset
  const nls: number[] = [];
  for (let i = input.indexOf('\n'); i >= 0; i = input.indexOf('\n', i + 1)) nls.push(i);
  const before = (o: number): number => {
    let lo = 0;
    let hi = nls.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (nls[m] < o) lo = m + 1; else hi = m; }
    return lo;
  };
  const map = (o: number): number => prefixLen + o + before(o) * padLen;
  const out: Segment[] = [];
  for (const s of segs) {
    if (s.origin.kind !== 'text') {
      out.push({ ...s, start: map(s.start), end: map(s.end - 1) + 1 });
      continue;
    }
    // a text origin is linear: split it at each newline so every piece stays linear after padding
    let a = s.start;
    while (a < s.end) {
      const nl = input.indexOf('\n', a);
      const b = nl < 0 || nl >= s.end ? s.end : nl + 1;
      out.push({ ...s, start: map(a), end: map(b - 1) + 1, origin: { ...s.origin, offset: s.origin.offset + (a - s.start) } });
      a = b;
    }
  }
  return out;
}

/** Segments of a substring [from, to) of the value, re-based to it. */
export function sliceSegs(segs: ReadonlyArray<Segment>, from: number, to: number, shift = 0): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    if (b <= a) continue;
    const origin = s.origin.kind === 'text' ? { ...s.origin, offset: s.origin.offset + (a - s.start) } : s.origin;
    out.push({ ...s, start: a - from + shift, end: b - from + shift, origin });
  }
  return out;
}

/** indent/nindent: (n, s) with the string last. */
export function indentProv(newline: boolean): ProvTransform {
  return (provs, args) => {
    const p = provs[provs.length - 1];
    if (!p || !('segs' in p)) return p;
    const pad = Number((args[0] as { value: number }).value);
    const input = args[args.length - 1] as string;
    return { segs: indentSegs(p.segs, input, (newline ? 1 : 0) + Math.max(0, pad), Math.max(0, pad)) };
  };
}

/** A function whose result is its last (string) argument with some characters removed at both ends. */
export function trimmedProv(provs: ReadonlyArray<Prov | undefined>, args: ReadonlyArray<unknown>, result: unknown): Prov | undefined {
  const p = provs[provs.length - 1];
  if (!p || !('segs' in p)) return p;
  const input = args[args.length - 1];
  if (typeof input !== 'string' || typeof result !== 'string') return undefined;
  const from = input.indexOf(result);
  if (from < 0) return undefined;
  return { segs: sliceSegs(p.segs, from, from + result.length) };
}

/** quote/squote of one argument: a node origin stays; segments shift by the opening quote when nothing was escaped. */
export function quotedProv(provs: ReadonlyArray<Prov | undefined>, args: ReadonlyArray<unknown>, result: unknown): Prov | undefined {
  const live = args.filter((a) => a !== null && a !== undefined);
  if (live.length !== 1) return undefined;
  const p = provs[args.findIndex((a) => a !== null && a !== undefined)];
  if (!p || !('segs' in p)) return p;
  const s = live[0];
  if (typeof s !== 'string' || typeof result !== 'string' || result.length !== s.length + 2) return undefined;
  return { segs: sliceSegs(p.segs, 0, s.length, 1) };
}

/** default: the chosen value keeps its provenance. */
export const defaultProv: ProvTransform = (provs, args, result) => {
  if (args.length < 2) return provs[0];
  return result === args[1] ? provs[1] : provs[0];
};

/** Selection among arguments (coalesce, ternary, first…): the provenance of the argument that was returned. */
export const chosenProv: ProvTransform = (provs, args, result) => {
  const i = args.indexOf(result);
  return i >= 0 ? provs[i] : undefined;
};

/** Conversion that keeps the value's identity in the source (toString, int, float64, toYaml…): only a node origin survives. */
export const nodeOnlyProv: ProvTransform = (provs) => {
  const p = provs[provs.length - 1];
  return p && 'origin' in p ? p : undefined;
};

/** Identity on strings (toString of a string, print of one string). */
export const identityProv: ProvTransform = (provs, args, result) => {
  const p = provs[provs.length - 1];
  if (p && 'segs' in p) return args[args.length - 1] === result ? p : undefined;
  return p;
};
