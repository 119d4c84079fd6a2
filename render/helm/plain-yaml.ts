/**
 * Whether a printed document certainly composes without a YAML error, decided from its text in one pass over its
 * lines, without the yaml package's lexer and parser (which cost most of a large chart's render: the CRDs of
 * argo-cd are 1.8 of its 1.9 MB, and no rule composes them). It accepts the shapes that generated manifests are
 * made of, and answers undefined for anything else, after which the document is composed as before; undefined
 * means "not known", never "broken":
 * - a block map at column 0; block maps and block sequences (a sequence may sit at its key's indentation);
 *   `- key: value` items;
 * - keys: plain (letters, digits, `_ $ . / + -`, not starting with `-`), or quoted without escapes;
 * - values: plain and quoted scalars (also on more indented continuation lines; double quoted with common
 *   escapes), block scalars (`|`, `>`, with `-`/`+`, no indentation indicator), `{}`, one-line flow sequences
 *   of plain words and quoted scalars (these and a one-line quoted scalar also on the line below their key);
 * - comments after a space, comment lines, blank lines.
 * Tabs, carriage returns, control characters, anchors, aliases, tags, flow content, explicit keys, directives
 * and document markers all answer undefined.
 *
 * When the document is accepted, `head` is the text of its top-level `apiVersion`, `kind` and `metadata` entries
 * (each with its value's lines, in document order): composed alone, they give the same values as in the whole
 * document (there are no anchors), which is all that Helm reads of a document before printing it.
 */
export function plainDocumentHead(content: string): { head: string } | undefined {
  if (UNSAFE_CHARS.test(content)) return undefined;
  const n = content.length;
  // the open collections, innermost last: their indentation and what they are
  const indents: number[] = [];
  const frames: Frame[] = [];
  // what the previous line leaves open
  let mode = Mode.None;
  // the indentation that a continuation (nested node, block scalar or plain scalar lines) must exceed
  let owner = -1;
  // a block scalar's content indentation, once known
  let blockIndent = -1;
  let head = '';
  let headStart = -1;
  for (let a = 0; a <= n;) {
    let b = content.indexOf('\n', a);
    if (b < 0) b = n;
    const lineStart = a;
    a = b + 1;
    let i = lineStart;
    while (i < b && content.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i === b;
    if (mode === Mode.Block) {
      if (blank) continue;
      if (blockIndent < 0) {
        if (indent <= owner) return undefined; // an empty block scalar: composed as usual
        blockIndent = indent;
        continue;
      }
      if (indent >= blockIndent) continue;
      if (indent > owner) return undefined;
      mode = Mode.None;
    }
    if (blank) continue;
    if (mode === Mode.Single || mode === Mode.Double) {
      if (indent <= owner) return undefined;
      const close = quotedEnd(content, i, b, mode === Mode.Single ? "'" : '"');
      if (close === -1) continue;
      if (close < 0 || !restIsComment(content, close + 1, b)) return undefined;
      mode = Mode.Closed;
      continue;
    }
    const c = content.charCodeAt(i);
    if (c === HASH) {
      // a comment line ends a plain scalar; a more indented line after it would be an error: not known
      if (mode === Mode.Plain && indent > owner) return undefined;
      if (mode === Mode.Plain) mode = Mode.None;
      continue;
    }
    if (mode === Mode.Plain) {
      if (indent > owner) {
        // a continuation line of a plain scalar
        if (plainLine(content, i, b, true) !== Plain.Text) return undefined;
        continue;
      }
      mode = Mode.None;
    } else if (mode === Mode.Closed) {
      if (indent > owner) return undefined;
      mode = Mode.None;
    }
    if (indent === 0 && (content.startsWith('---', i) || content.startsWith('...', i))) return undefined;
    const dash = c === DASH && (i + 1 === b || content.charCodeAt(i + 1) === 32);
    if (!frames.length) {
      // the document: a block map at column 0
      if (indent !== 0 || mode !== Mode.None) return undefined;
      indents.push(0); frames.push(Frame.Map);
    }
    if (mode === Mode.Nested) {
      mode = Mode.None;
      if (indent > owner && (c === 123 || c === 91 || c === 34 || c === 39) && keyEnd(content, i, b) < 0) {
        // `{}`, `[]` or a quoted scalar on the line below its key or `-`, on one line
        const v = value(content, i, b);
        if (v !== Mode.Closed) return undefined;
        mode = Mode.Closed;
        continue;
      }
      if (indent > owner) { indents.push(indent); frames.push(dash ? Frame.Seq : Frame.Map); }
      else if (indent === owner && dash && frames[frames.length - 1] === Frame.Map && indents[indents.length - 1] === owner) {
        // a sequence at its key's indentation: a line there without `-` ends it
        indents.push(indent); frames.push(Frame.KeySeq);
      }
    }
    // close the collections this line is left of
    for (let top = frames.length - 1; top >= 0; top--) {
      if (indents[top] > indent || (indents[top] === indent && frames[top] === Frame.KeySeq && !dash)) { indents.pop(); frames.pop(); continue; }
      break;
    }
    if (!frames.length || indents[indents.length - 1] !== indent) return undefined;
    if (indent === 0 && !dash && headStart >= 0) { head += content.slice(headStart, lineStart); headStart = -1; }
    let at = i;
    if (frames[frames.length - 1] !== Frame.Map) {
      // `- ` items, and a map that starts on an item's line
      if (!dash) return undefined;
      at++;
      while (at < b && content.charCodeAt(at) === 32) at++;
      if (at === b || content.charCodeAt(at) === HASH) { mode = Mode.Nested; owner = indent; continue; }
      if (keyEnd(content, at, b) < 0) {
        const v = value(content, at, b);
        if (v === Mode.Invalid) return undefined;
        mode = v; owner = indent; blockIndent = -1;
        continue;
      }
      indents.push(at - lineStart); frames.push(Frame.Map);
    } else if (dash) return undefined;
    const k = keyEnd(content, at, b);
    if (k < 0) return undefined;
    const mapIndent = at - lineStart;
    if (mapIndent === 0) {
      const key = keyText(content, at, k);
      if (key === 'apiVersion' || key === 'kind' || key === 'metadata') headStart = lineStart;
    }
    let v = k + 1;
    while (v < b && content.charCodeAt(v) === 32) v++;
    if (v === b || content.charCodeAt(v) === HASH) { mode = Mode.Nested; owner = mapIndent; continue; }
    const m = value(content, v, b);
    if (m === Mode.Invalid) return undefined;
    mode = m; owner = mapIndent; blockIndent = -1;
  }
  if (!frames.length || (mode === Mode.Block && blockIndent < 0) || mode === Mode.Single || mode === Mode.Double) return undefined;
  if (headStart >= 0) head += content.slice(headStart) + '\n';
  return { head };
}

const enum Frame { Map, Seq, KeySeq }

const HASH = 35;
const DASH = 45;

const enum Mode {
  /** nothing open */
  None,
  /** a key or item without a value yet: a more indented node may follow (or a sequence at the key's column) */
  Nested,
  /** a plain scalar that more indented lines continue */
  Plain,
  /** a block scalar's content lines */
  Block,
  /** a complete value (quoted, `[]`, `{}`): a more indented line would be an error */
  Closed,
  /** inside a single-quoted / double-quoted scalar that more indented lines continue */
  Single,
  Double,
  Invalid,
}

// control characters (but the line feed), DEL and C1, and the characters YAML may read as line breaks or marks
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

const PLAIN_KEY_START = /[A-Za-z0-9_$./]/;
const PLAIN_KEY = /^[A-Za-z0-9_$./][A-Za-z0-9_$./+-]*$/;

/**
 * The offset of the `:` of a `key:` starting at `at` (followed by a space or the line's end), or -1 when the line
 * holds no key of the accepted shapes there.
 */
function keyEnd(s: string, at: number, b: number): number {
  const c = s[at];
  if (c === '"' || c === "'") {
    let close = at + 1;
    while (close < b && s[close] !== c) {
      if (s[close] === '\\') return -1;
      close++;
    }
    if (close >= b || close === at + 1) return -1;
    if (s.charCodeAt(close + 1) !== 58) return -1;
    if (close + 2 < b && s.charCodeAt(close + 2) !== 32) return -1;
    return close + 1 - at > 500 ? -1 : close + 1;
  }
  if (!PLAIN_KEY_START.test(c)) return -1;
  let e = at;
  while (e < b) {
    const x = s.charCodeAt(e);
    if (x === 58) break;
    if (x === 32 || x === HASH) return -1;
    e++;
  }
  if (e >= b || e - at > 500) return -1;
  if (e + 1 < b && s.charCodeAt(e + 1) !== 32) return -1;
  if (!PLAIN_KEY.test(s.slice(at, e))) return -1;
  if (s.startsWith('...', at)) return -1;
  return e;
}

function keyText(s: string, at: number, colon: number): string {
  const c = s[at];
  return c === '"' || c === "'" ? s.slice(at + 1, colon - 1) : s.slice(at, colon);
}

/** The value that starts at `at` (not a space, not a comment) and what it leaves open, or Mode.Invalid. */
function value(s: string, at: number, b: number): Mode {
  const c = s[at];
  switch (c) {
    case '"': case "'": {
      const close = quotedEnd(s, at + 1, b, c);
      if (close === -1) return c === '"' ? Mode.Double : Mode.Single;
      return close >= 0 && restIsComment(s, close + 1, b) ? Mode.Closed : Mode.Invalid;
    }
    case '|': case '>': {
      let i = at + 1;
      if (s[i] === '-' || s[i] === '+') i++;
      return restIsComment(s, i, b) ? Mode.Block : Mode.Invalid;
    }
    case '[': {
      const close = flowSeqEnd(s, at + 1, b);
      return close >= 0 && restIsComment(s, close + 1, b) ? Mode.Closed : Mode.Invalid;
    }
    case '{':
      return s[at + 1] === '}' && restIsComment(s, at + 2, b) ? Mode.Closed : Mode.Invalid;
    default:
      if (PLAIN_BAD_START.includes(c)) return Mode.Invalid;
      // `-`, `?` and `:` start a plain scalar when a character other than a space follows
      if ((c === '-' || c === '?' || c === ':') && (at + 1 >= b || s.charCodeAt(at + 1) === 32)) return Mode.Invalid;
      switch (plainLine(s, at, b, false)) {
        case Plain.Text: return Mode.Plain;
        case Plain.Commented: return Mode.Closed;
        default: return Mode.Invalid;
      }
  }
}

/**
 * The offset of the quote that closes a scalar quoted by `q` on this line, from `i`; -1 when the line ends inside
 * the scalar; -2 for an escape this reader does not know (or a line break escaped).
 */
function quotedEnd(s: string, i: number, b: number, q: string): number {
  for (; i < b; i++) {
    const x = s[i];
    if (x === q) {
      if (q === "'" && s[i + 1] === "'" && i + 1 < b) { i++; continue; }
      return i;
    }
    if (x === '\\' && q === '"') {
      const e = s[i + 1];
      if (i + 1 >= b) return -2;
      if (e === 'u') { if (!/^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) return -2; i += 5; }
      else if (e === 'x') { if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 2, i + 4))) return -2; i += 3; }
      else if (SIMPLE_ESCAPES.includes(e)) i++;
      else return -2;
    }
  }
  return -1;
}

const SIMPLE_ESCAPES = '\\"/0abtnvfre N_LP';
const PLAIN_BAD_START = ',[]{}#&*!|>\'"%@`';

/**
 * The offset of the `]` that closes a flow sequence of plain words and quoted scalars on this line, from `i`
 * (after the `[`): `[]`, `[a]`, `[a, "b", 'c']`; -1 for anything else.
 */
function flowSeqEnd(s: string, i: number, b: number): number {
  let first = true;
  for (;;) {
    while (i < b && s.charCodeAt(i) === 32) i++;
    if (i >= b) return -1;
    if (s[i] === ']') return first ? i : -1;
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = quotedEnd(s, i + 1, b, c);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      if (!FLOW_WORD_START.test(c)) return -1;
      while (i < b && FLOW_WORD.test(s[i])) i++;
    }
    while (i < b && s.charCodeAt(i) === 32) i++;
    if (s[i] === ']') return i < b ? i : -1;
    if (s[i] !== ',') return -1;
    i++;
    first = false;
  }
}

const FLOW_WORD_START = /[A-Za-z0-9_./]/;
const FLOW_WORD = /[A-Za-z0-9_./-]/;

/** Only spaces, or spaces and a comment, from `i` to the line's end. */
function restIsComment(s: string, i: number, b: number): boolean {
  if (i >= b) return true;
  if (s.charCodeAt(i) !== 32) return false;
  while (i < b && s.charCodeAt(i) === 32) i++;
  return i === b || s.charCodeAt(i) === HASH;
}

const enum Plain { Invalid, Text, Commented }

/**
 * A plain scalar's line from `at` (the first line's first character is checked by the caller): no `: ` and no
 * `:` at the end (that would be a key), up to a ` #` comment (`Commented`: no line may continue it). A
 * continuation line (`more`) starts with no `#`, nor with a `-`, `?` or `:` that a space follows.
 */
function plainLine(s: string, at: number, b: number, more: boolean): Plain {
  // a continuation line starts with no comment, and with no `-`, `?` or `:` that a space follows (an item, a key)
  const c = s[at];
  if (more && (c === '#' || ((c === '-' || c === '?' || c === ':') && (at + 1 >= b || s.charCodeAt(at + 1) === 32)))) return Plain.Invalid;
  for (let j = at; j < b; j++) {
    const x = s.charCodeAt(j);
    if (x === 58 && (j + 1 === b || s.charCodeAt(j + 1) === 32)) return Plain.Invalid;
    if (x === HASH && s.charCodeAt(j - 1) === 32) return more ? Plain.Invalid : Plain.Commented;
  }
  return Plain.Text;
}
