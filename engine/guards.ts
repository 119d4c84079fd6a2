import type { ParseErrorInfo } from './types';
import { LineIndex } from './text';

type Utf8Check = (b: Uint8Array) => boolean;
const nativeIsUtf8: Utf8Check | undefined = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:buffer') as { isUtf8?: Utf8Check }).isUtf8;
  } catch {
    return undefined;
  }
})();

/** Deepest flow nesting or compact `- - -` chain we compose; deeper input is rejected before parsing.
 * Measured: a ~1,000-level flow sequence makes a second `yaml` parse abort Node (see docs/robustness.md). */
export const MAX_NESTING = 256;

export type Decoded = { ok: true; text: string } | { ok: false; error: ParseErrorInfo };

/** Strict UTF-8 decode of file bytes; strips a BOM. Names the line of the first invalid byte. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  // fast native check first; the byte-by-byte scan only runs to locate a problem
  const bad = nativeIsUtf8?.(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) { line++; lineStart = i + 1; }
    const character = bad - lineStart;
    return {
      ok: false,
      error: {
        code: 'invalid-utf8',
        message: `not a UTF-8 text file: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at line ${line + 1}`,
        range: { start: { line, character: 0 }, end: { line, character } },
      },
    };
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    if (i + need >= n) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Checks run on the text before the YAML parser sees it: control characters and nesting depth. */
export function checkText(text: string): ParseErrorInfo | undefined {
  const ctl = findControlChar(text);
  if (ctl !== -1) {
    const idx = new LineIndex(text);
    const pos = idx.position(ctl);
    return {
      code: 'binary',
      message: `not a YAML text file: control character U+${text.charCodeAt(ctl).toString(16).padStart(4, '0').toUpperCase()} at line ${pos.line + 1}`,
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
    };
  }
  const deep = findExcessNesting(text, MAX_NESTING);
  if (deep !== -1) {
    const pos = new LineIndex(text).position(deep);
    return {
      code: 'nesting',
      message: `nesting deeper than ${MAX_NESTING} levels at line ${pos.line + 1}; refusing to parse (a YAML nesting bomb)`,
      range: { start: pos, end: { line: pos.line, character: pos.character + 1 } },
    };
  }
  return undefined;
}

function findControlChar(text: string): number {
  // eslint-style fast path: a regex scan is far quicker than a JS loop on multi-MB input.
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/.exec(text);
  return m ? m.index : -1;
}

/**
 * Conservative depth scan: counts `[`/`{` nesting (reset at each top-level block key) and chains of
 * compact sequence indicators on one line. It may over-count brackets inside strings, never under-count.
 */
export function findExcessNesting(text: string, max: number): number {
  let depth = 0;
  const n = text.length;
  let lineStart = true;
  let dashes = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { lineStart = true; dashes = 0; continue; }
    if (lineStart) {
      // a block key at column 0 ends any flow collection that could still be open
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) depth = 0;
      if (c === 45 /* - */ || c === 63 /* ? */) {
        const nx = text.charCodeAt(i + 1);
        if (nx === 32 || nx === 9) {
          if (++dashes > max) return i;
          continue;
        }
      }
      if (c !== 32 && c !== 9) lineStart = false;
    }
    if (c === 91 || c === 123) { if (++depth > max) return i; }
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}
