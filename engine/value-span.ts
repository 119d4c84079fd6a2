/**
 * Maps a span of a scalar's value (character indexes into the string the YAML scalar stands for) to offsets in
 * the file: plain and quoted scalars on their lines, literal and folded block scalars line by line. A CEL or
 * JMESPath error inside a policy's expression is then shown on the very characters at fault.
 */
import { isScalar, type Document } from 'yaml';
import { locate } from './paths';
import type { Path } from './types';

export function valueSpanOffsets(doc: Document, text: string, path: Path, span: readonly [number, number], where?: 'key' | 'value'): [number, number] | undefined {
  const loc = locate(doc, path);
  const step = loc.exact ? loc.steps[loc.steps.length - 1] : undefined;
  // `at: 'key'`: the span is in the map key at the end of the path (a pattern's anchor)
  const node = where === 'key' ? step?.pair?.key : step?.value;
  if (!node || !isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const [start, end] = node.range;
  const map = indexMap(text.slice(start, end), node.type);
  if (!map) return undefined;
  const at = (i: number) => start + (map[Math.min(Math.max(i, 0), map.length - 1)] ?? 0);
  const s = at(span[0]);
  const e = Math.max(at(span[1] - 1) + 1, s + 1);
  return [s, Math.min(e, end)];
}

/** For each character of the value (and one past the end), its offset in the scalar's source. */
function indexMap(src: string, type: string | undefined): number[] | undefined {
  const out: number[] = [];
  switch (type) {
    case 'PLAIN':
      for (let i = 0; i < src.length; i++) if (src[i] !== '\n' && src[i] !== '\r') out.push(i);
      break;
    case 'QUOTE_SINGLE':
      for (let i = 1; i < src.length - 1; i++) { out.push(i); if (src[i] === "'" && src[i + 1] === "'") i++; }
      break;
    case 'QUOTE_DOUBLE':
      for (let i = 1; i < src.length - 1; i++) {
        out.push(i);
        if (src[i] !== '\\') continue;
        const e = src[i + 1];
        i += e === 'x' ? 3 : e === 'u' ? 5 : e === 'U' ? 9 : 1;
      }
      break;
    case 'BLOCK_LITERAL': case 'BLOCK_FOLDED': {
      const first = src.indexOf('\n');
      if (first < 0) return undefined;
      const lines = src.slice(first + 1).split('\n');
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
      let off = first + 1;
      for (const l of lines) {
        for (let i = indent; i < l.length; i++) out.push(off + i);
        out.push(off + l.length);
        off += l.length + 1;
      }
      break;
    }
    default:
      return undefined;
  }
  out.push(src.length);
  return out;
}
