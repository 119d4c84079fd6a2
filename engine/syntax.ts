import { parseAllDocuments } from 'yaml';
import { YAML_OPTIONS } from './parse';
import { LineIndex } from './text';
import type { ParseErrorInfo } from './types';

/**
 * The YAML errors of a whole text, whatever its documents are. The parser composes only documents it can
 * tell are Kubernetes objects; a text in which it found none may still be a broken manifest (`a: [`, or a
 * Pod whose first line is mis-indented), and a front end that was asked to lint it must say it did not parse.
 * Run it only on the text checked by checkText (no nesting bombs); aliases are not expanded here.
 */
export function yamlSyntaxErrors(text: string, max = 20): ParseErrorInfo[] {
  const out: ParseErrorInfo[] = [];
  const lines = new LineIndex(text);
  for (const d of parseAllDocuments(text, YAML_OPTIONS as never) as Iterable<{ errors: Array<{ code: string; message: string; pos: [number, number] }> }>) {
    for (const e of d.errors) {
      if (e.code === 'DUPLICATE_KEY') continue;
      if (out.length >= max) return out;
      out.push({ code: e.code, message: e.message.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\s+/g, ' ').trim(), range: lines.range(e.pos[0], e.pos[1]) });
    }
  }
  return out;
}
