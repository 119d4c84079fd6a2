import type { CST } from 'yaml';

/**
 * Whether composing this document (YAML_OPTIONS) certainly reports no error, decided from the CST alone: a scan
 * then needs not compose a document that no rule reads (a CRD, 83% of a large scan's bytes) just to find its
 * YAML errors. It accepts the plain shapes that manifests are made of (block maps and sequences, plain, quoted
 * and block scalars, empty flow collections, comments) and checks them the way the composer does; anything
 * else (anchors, aliases, tags, tabs, escapes, flow content, explicit keys, error tokens) answers false, and the
 * document is composed for its errors as before. False means "not known", never "broken".
 */
export function composesCleanly(doc: CST.Document): boolean {
  // the document's own props: `---`, space, newlines, comments
  const props = cleanProps(doc.start, 'doc-start', true);
  if (!props) return false;
  const { found, newline } = props;
  const v = doc.value;
  if (v && found && (v.type === 'block-map' || v.type === 'block-seq') && !newline) return false;
  if (v && !cleanNode(v)) return false;
  return cleanEnd(doc.end, false);
}

/**
 * The tokens before a value as the composer reads them (resolveProps): at most one `indicator` (`---` of a document,
 * `:` of a map value; for `:`, within `maxAt` characters, as an implicit key must be), spaces without tabs,
 * newlines, and comments only after a space. Undefined for anything else.
 */
function cleanProps(tokens: ReadonlyArray<CST.SourceToken>, indicator: 'doc-start' | 'map-value-ind', hasSpace: boolean, maxAt = Infinity): { found: boolean; newline: boolean } | undefined {
  let found = false;
  let newline = false;
  for (const t of tokens) {
    switch (t.type) {
      case indicator:
        if (found || t.offset > maxAt) return undefined;
        found = true;
        hasSpace = false;
        break;
      case 'space':
        if (t.source.includes('\t')) return undefined;
        hasSpace = true;
        break;
      case 'newline':
        newline = true;
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) return undefined;
        break;
      default:
        return undefined;
    }
  }
  return { found, newline };
}

type Token = CST.Token;

/** Trailing tokens of a node (resolveEnd): space, newlines and comments; a comment after a space when `strict`. */
function cleanEnd(end: ReadonlyArray<CST.SourceToken> | undefined, strict: boolean): boolean {
  if (!end) return true;
  let hasSpace = false;
  for (const t of end) {
    if (t.type === 'space') {
      if (t.source.includes('\t')) return false;
      hasSpace = true;
    } else if (t.type === 'newline') hasSpace = true;
    else if (t.type === 'comment') { if (strict && !hasSpace) return false; }
    else return false;
  }
  return true;
}

function cleanNode(t: Token): boolean {
  switch (t.type) {
    case 'scalar': return cleanPlain(t);
    case 'single-quoted-scalar': return t.source.length > 1 && t.source.endsWith("'") && cleanEnd(t.end, true);
    case 'double-quoted-scalar': return t.source.length > 1 && t.source.endsWith('"') && !t.source.includes('\\') && cleanEnd(t.end, true);
    case 'block-scalar': return cleanBlockScalar(t);
    case 'block-map': return cleanMap(t);
    case 'block-seq': return cleanSeq(t);
    case 'flow-collection': return cleanEmptyFlow(t);
    default: return false;
  }
}

function cleanPlain(t: CST.FlowScalar): boolean {
  const c = t.source[0];
  if (c === '\t' || c === ',' || c === '%' || c === '|' || c === '>' || c === '@' || c === '`') return false;
  return cleanEnd(t.end, true);
}

/** `{}` or `[]` with nothing but space and comments after it. */
function cleanEmptyFlow(t: CST.FlowCollection): boolean {
  if (t.items.length) return false;
  const close = t.start.source === '{' ? '}' : t.start.source === '[' ? ']' : undefined;
  if (!close || !t.end.length || t.end[0].source !== close) return false;
  return cleanEnd(t.end.slice(1), true);
}

/** Space, newlines and comments before an item (a comment needs a space or newline before it). */
function cleanItemStart(start: ReadonlyArray<CST.SourceToken>, indicator: 'seq-item-ind' | undefined): { ok: boolean; found: boolean } {
  let hasSpace = true;
  let found = false;
  for (const t of start) {
    switch (t.type) {
      case 'space':
        if (t.source.includes('\t')) return { ok: false, found };
        hasSpace = true;
        break;
      case 'newline':
        hasSpace = true;
        break;
      case 'comment':
        if (!hasSpace) return { ok: false, found };
        break;
      default:
        if (!indicator || t.type !== indicator || found) return { ok: false, found };
        found = true;
        hasSpace = false;
    }
  }
  return { ok: true, found };
}

function cleanMap(bm: CST.BlockMap): boolean {
  const items = bm.items;
  for (let i = 0; i < items.length; i++) {
    const { start, key, sep, value } = items[i] as { start: CST.SourceToken[]; key?: Token | null; sep?: CST.SourceToken[]; value?: Token };
    if (!cleanItemStart(start, undefined).ok) return false;
    if (!sep) {
      // a comment-only item, last (a later item would make it "map comment with trailing content")
      if (key || value || i !== items.length - 1) return false;
      continue;
    }
    if (!key || (key.type !== 'scalar' && key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar')) return false;
    if (key.indent !== bm.indent || key.source.includes('\n') || key.source === '') return false;
    if (key.end?.length) return false;
    if (!cleanNode(key)) return false;
    // the value's props: exactly one `:` first, then space, newlines, comments
    const props = cleanProps(sep, 'map-value-ind', false, key.offset + 1000);
    if (!props) return false;
    const { found, newline } = props;
    if (!found) return false;
    if (value) {
      if (value.type === 'block-map' && !newline) return false;
      if (!cleanNode(value)) return false;
    }
  }
  return true;
}

function cleanSeq(bs: CST.BlockSequence): boolean {
  for (const { start, value } of bs.items) {
    const s = cleanItemStart(start, 'seq-item-ind');
    if (!s.ok) return false;
    if (!s.found) {
      if (value) return false;
      continue;
    }
    if (value && !cleanNode(value)) return false;
  }
  return true;
}

/**
 * A block scalar with a plain header (`|`, `>`, with or without chomping, no indentation indicator) whose first
 * line with content is indented, no less than the empty lines before it, and no later line less.
 */
function cleanBlockScalar(t: CST.BlockScalar): boolean {
  const props = t.props;
  if (!props.length || props[0].type !== 'block-scalar-header' || !/^[|>][-+]?$/.test(props[0].source)) return false;
  let hasSpace = false;
  for (let i = 1; i < props.length; i++) {
    const p = props[i];
    if (p.type === 'space') { if (p.source.includes('\t')) return false; hasSpace = true; }
    else if (p.type === 'newline') continue;
    else if (p.type === 'comment') { if (!hasSpace) return false; }
    else return false;
  }
  const source = t.source;
  if (!source || source.includes('\r')) return !source;
  // lines as [indent, content], as the composer splits them
  const parts = source.split(/\n( *)/);
  const first = /^( *)/.exec(parts[0])![1];
  const lines: Array<[string, string]> = [[first, parts[0].slice(first.length)]];
  for (let i = 1; i < parts.length; i += 2) lines.push([parts[i], parts[i + 1]]);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i][1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) return true;
  let trimIndent = t.indent;
  let i = 0;
  for (; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content === '') {
      if (indent.length > trimIndent) trimIndent = indent.length;
      continue;
    }
    if (indent.length < trimIndent) return false;
    trimIndent = indent.length;
    if (trimIndent === 0) return false;
    break;
  }
  for (; i < chompStart; ++i) {
    const [indent, content] = lines[i];
    if (content && indent.length < trimIndent) return false;
  }
  return true;
}
