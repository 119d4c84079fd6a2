import type { YAMLError } from 'yaml';

/**
 * Go's YAML parser (go-yaml v2, which Helm uses) words its errors differently from the `yaml` package. This maps
 * the common ones to Go's wording and line convention: a scanner error names the 1-based line of the offending
 * character, a parser error names the 0-based one (Go's own off-by-one), and line 0 is left out.
 */
export function goYamlError(text: string, err: YAMLError): string {
  const at = err.pos?.[0] ?? 0;
  const lineOf = (off: number) => countLines(text, off);
  const fmt = (line: number, msg: string) => `yaml: ${line ? `line ${line}: ` : ''}${msg}`;
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const colon = findMappingColon(text, at);
      if (err.code === 'BLOCK_AS_IMPLICIT_KEY' || colon >= 0) {
        const l = lineOf(colon >= 0 ? colon : at);
        return fmt(l === 0 ? 0 : l + 1, 'mapping values are not allowed in this context');
      }
      return fmt(lineOf(at) + 1, "could not find expected ':'");
    }
    case 'BAD_INDENT':
      if (/flow sequence/i.test(err.message)) return fmt(lineOf(at), "did not find expected ',' or ']'");
      if (/flow mapping/i.test(err.message)) return fmt(lineOf(at), "did not find expected ',' or '}'");
      return fmt(lineOf(at), 'did not find expected key');
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START': {
      const l = lineOf(at);
      return fmt(l === 0 ? 0 : l + 1, 'found character that cannot start any token');
    }
    case 'MISSING_CHAR':
      if (/quote/i.test(err.message)) return fmt(lineOf(text.length) + 1, 'found unexpected end of stream');
      return fmt(lineOf(at), 'did not find expected key');
    case 'UNEXPECTED_TOKEN':
      return fmt(lineOf(at), 'did not find expected key');
    case 'BAD_ALIAS': {
      const m = /"([^"]+)"/.exec(err.message);
      return `yaml: unknown anchor '${m ? m[1] : ''}' referenced`;
    }
    default:
      return fmt(lineOf(at) + 1, err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
  }
}

/** 0-based line of `offset`. */
function countLines(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first `:` followed by a space, a line break or the end, at or after `from`. */
function findMappingColon(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\n' || text[i + 1] === '\r')) return i;
  }
  return -1;
}
