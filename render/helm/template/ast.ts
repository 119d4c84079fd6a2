/** Parse tree of a Go template, shaped like Go's text/template/parse so messages print nodes as Go does. */
import type { TraceStep } from '../../source-map';

/** One parsed source (a file, or the text given to `tpl`). */
export interface SourceInfo {
  /** Go's ParseName: the template name the text was parsed under (errors print it). */
  parseName: string;
  /** Absolute file path ('' for tpl text). */
  file: string;
  text: string;
  /** Literal text of a tpl template maps to this origin instead of `file` offsets. */
  tplOrigin?: import('../../source-map').Origin;
  lineStarts?: number[];
}

interface Base { pos: number; src: SourceInfo }

export type Node =
  | ListNode | TextNode | ActionNode | PipeNode | CommandNode | FieldNode | VariableNode | ChainNode | IdentifierNode
  | DotNode | NilNode | BoolNode | NumberNode | StringNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode
  | ContinueNode;

export interface ListNode extends Base { t: 'list'; nodes: Node[] }
export interface TextNode extends Base { t: 'text'; text: string }
export interface ActionNode extends Base { t: 'action'; end: number; pipe: PipeNode; step?: TraceStep }
export interface PipeNode extends Base { t: 'pipe'; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode extends Base { t: 'command'; args: Node[] }
export interface FieldNode extends Base { t: 'field'; ident: string[] }
export interface VariableNode extends Base { t: 'variable'; ident: string[] }
export interface ChainNode extends Base { t: 'chain'; node: Node; field: string[] }
export interface IdentifierNode extends Base { t: 'identifier'; ident: string }
export interface DotNode extends Base { t: 'dot' }
export interface NilNode extends Base { t: 'nil' }
export interface BoolNode extends Base { t: 'bool'; val: boolean }
export interface NumberNode extends Base {
  t: 'number'; text: string; isInt: boolean; isUint: boolean; isFloat: boolean; isComplex: boolean; int: number; float: number;
}
export interface StringNode extends Base { t: 'string'; quoted: string; text: string }
export interface BranchNode extends Base { end: number; pipe: PipeNode; list: ListNode; elseList?: ListNode; step?: TraceStep }
export interface IfNode extends BranchNode { t: 'if' }
export interface RangeNode extends BranchNode { t: 'range' }
export interface WithNode extends BranchNode { t: 'with' }
export interface TemplateNode extends Base { t: 'template'; end: number; name: string; pipe?: PipeNode; step?: TraceStep }
export interface BreakNode extends Base { t: 'break' }
export interface ContinueNode extends Base { t: 'continue' }

/** Go's Node.String(). */
export function nodeString(n: Node): string {
  switch (n.t) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return JSON.stringify(n.text);
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command': return n.args.map((a) => (a.t === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field': return n.ident.map((i) => '.' + i).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': return (n.node.t === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => '.' + f).join('');
    case 'identifier': return n.ident;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.val ? 'true' : 'false';
    case 'number': return n.text;
    case 'string': return n.quoted;
    case 'if': case 'range': case 'with': {
      let s = `{{${n.t} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case 'template': return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
  }
}

/** A parsed template: its name and body, and where it was parsed from. */
export interface Tree { name: string; root: ListNode; src: SourceInfo }

/** Go's IsEmptyTree: only whitespace text (and nothing else) in the body. */
export function isEmptyTree(n: Node): boolean {
  if (n.t === 'list') return n.nodes.every(isEmptyTree);
  if (n.t === 'text') return n.text.trim() === '';
  return false;
}

export function lineStarts(src: SourceInfo): number[] {
  if (src.lineStarts) return src.lineStarts;
  const starts = [0];
  for (let i = src.text.indexOf('\n'); i >= 0; i = src.text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (src.lineStarts = starts);
}

/** 0-based line and UTF-16 column of an offset. */
export function lineCol(src: SourceInfo, pos: number): { line: number; col: number } {
  const starts = lineStarts(src);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, col: pos - starts[lo] };
}

/** Go's ErrorContext location: "NAME:LINE:COL", COL counting UTF-8 bytes from 0 (from the start for line 1). */
export function goLocation(src: SourceInfo, pos: number): string {
  const { line, col } = lineCol(src, pos);
  const lineText = src.text.slice(pos - col, pos);
  return `${src.parseName}:${line + 1}:${Buffer.byteLength(lineText, 'utf8')}`;
}
