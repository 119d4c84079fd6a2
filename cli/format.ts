import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isRendered } from './rendered';
import { ruleDocsUrl, SEVERITY_RANK, type Finding, type Rule } from '../engine';
import { describeSkips, type SkipReason } from '../render';
import { rulePageText } from '../host';
import type { FileResult, ScanResult } from './scan';

const VERSION = '0.1.0';

export function displayPath(file: string): string {
  if (file === '<stdin>') return file;
  const rel = relative(process.cwd(), file);
  // the working directory itself (`kubehex scan .` in a chart: the chart is `rendered.source`) is `.`
  if (rel === '') return '.';
  return (!rel.startsWith('..') && !isAbsolute(rel) ? rel : file).split(sep).join('/');
}

/** A finding as the JSON report lists it; `shown` is the display path of its file (see displayPath). */
function jsonFinding(f: Finding, shown: string) {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    file: shown,
    range: f.range,
    path: [...f.path],
    object: { apiVersion: f.object.apiVersion, kind: f.object.kind, name: f.object.name, namespace: f.object.namespace ?? null },
    category: f.category,
    goals: f.goals,
    // a rendered finding's fix edits its source only once proven by rendering again (--fix tries the safe ones,
    // the editor offers the proven ones): not claimed here
    fixable: !!f.fix && !isRendered(f),
    ...(isRendered(f) ? {
      trace: f.trace.map((t) => ({ file: displayPath(t.file), range: t.range, note: t.note })),
      rendered: { source: displayPath(f.rendered.source), ...(f.rendered.values ? { values: f.rendered.values.map(displayPath) } : {}) },
    } : {}),
  };
}

export function formatJson(res: ScanResult): string {
  const out = collected();
  const report = new JsonReport(res.files, out.write);
  for (const r of res.results) report.add(r);
  report.end();
  return out.text();
}

/** What a report writes, as text (a piece built in another thread is written as its UTF-8 bytes). */
export type Chunk = string | Uint8Array;

function collected(): { write: (c: Chunk) => void; text: () => string } {
  let out = '';
  const decoder = new TextDecoder();
  return { write: (c) => { out += typeof c === 'string' ? c : decoder.decode(c); }, text: () => out };
}

/**
 * What a streamed report makes of each file: a worker thread of the scan is told this, builds the pieces of
 * its own files (piece()) and sends those instead of the results. Colour is decided by the main thread.
 */
export type PieceSpec = { format: 'json' } | { format: 'stylish'; color: boolean };

/**
 * One file's part of a streamed report, built in whichever thread finished the file: its text exactly as the
 * report writes it, and the little the report's end needs of it.
 */
export type Piece = JsonPiece | StylishPiece;

interface PieceBase {
  /**
   * The file's text as the report writes it (see JsonPiece and StylishPiece); as UTF-8 bytes once made
   * sendable to another thread (sendable()), so that the thread writing the report has neither to copy
   * it into its heap nor to encode it.
   */
  text: Chunk;
  /** The file's worst severity for the exit code (fileSeverity). */
  worst: number;
}

export interface JsonPiece extends PieceBase {
  format: 'json';
  /** The file's findings as elements of the report's `findings` list, joined by `,\n` (empty when none). */
  /** Its entries of the report's `errors` and `skipped` lists, which come after every finding. */
  errors?: unknown[];
  skipped?: unknown;
}

export interface StylishPiece extends PieceBase {
  format: 'stylish';
  /** The file's heading and rows (empty when it has neither findings nor errors). */
  /** Findings by severity, then fixes by kind (see fixHint), and file errors. */
  counts: [error: number, warning: number, info: number, safe: number, review: number, rendered: number, fatal: number];
  skipped?: SkipReason;
  /** Its findings counted by rule, for the report's priorities. */
  rules: Priority[];
}

/** A file's piece of a streamed report (see PieceSpec): the same in any thread of the scan. */
export function piece(spec: PieceSpec, r: FileResult): Piece {
  return spec.format === 'json' ? jsonPiece(r) : stylishPiece(r, spec.color);
}

/** A piece as a worker posts it: its text as UTF-8 bytes, in a buffer of its own to transfer. */
export function sendable(p: Piece): { piece: Piece; transfer: ArrayBuffer[] } {
  if (typeof p.text !== 'string' || !p.text.length) return { piece: p, transfer: [] };
  const bytes = encoder.encode(p.text);
  return { piece: { ...p, text: bytes }, transfer: [bytes.buffer as ArrayBuffer] };
}

const encoder = new TextEncoder();

function jsonPiece(r: FileResult): JsonPiece {
  const p: JsonPiece = { format: 'json', text: '', worst: fileSeverity(r) };
  if (r.findings.length) {
    const shown = displayPath(r.file);
    p.text = jsonElements(r.findings.map((f) => jsonFinding(f, shown)));
  }
  if (r.errors.length) p.errors = r.errors.map((e) => ({ file: displayPath(e.file), message: e.message, ...(e.range ? { range: e.range } : {}) }));
  if (r.skipped) p.skipped = { file: displayPath(r.file), reason: r.skipped };
  return p;
}

function stylishPiece(r: FileResult, color: boolean): StylishPiece {
  const c = paint(color);
  const counts: StylishPiece['counts'] = [0, 0, 0, 0, 0, 0, r.errors.length];
  const p: StylishPiece = { format: 'stylish', text: '', worst: fileSeverity(r), counts, rules: Priorities.of(r), ...(r.skipped ? { skipped: r.skipped } : {}) };
  if (!r.findings.length && !r.errors.length) return p;
  let out = `\n${c('4', displayPath(r.file))}\n`;
  const rows: string[][] = [];
  for (const e of r.errors) rows.push([e.range ? `${e.range.start.line + 1}:${e.range.start.character + 1}` : '-', c('31', 'fatal'), e.message, '']);
  for (const f of r.findings) {
    counts[SEV_INDEX[f.severity]]++;
    // --fix applies safe fixes to plain manifests, and to rendered sources where a source edit is proven by
    // rendering again (not known until it is tried); review fixes are offered in the editor
    if (f.fix) counts[isRendered(f) && f.fix.safety === 'safe' ? 5 : f.fix.safety === 'safe' ? 3 : 4]++;
    rows.push([`${f.range.start.line + 1}:${f.range.start.character + 1}`, c(SEV_COLOR[f.severity], f.severity), f.message, c('2', f.ruleId)]);
  }
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  for (const x of rows) out += `  ${x[0].padEnd(w0)}  ${x[1].padEnd(w1)}  ${x[2]}  ${x[3]}\n`;
  p.text = out;
  return p;
}

const SEV_INDEX = { error: 0, warning: 1, info: 2 } as const;

const paint = (color: boolean) => (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);

/**
 * A report that is given each file's result, or its piece built elsewhere (see PieceSpec), in turn (see
 * ScanOptions.onResult and .pieces) and writes what it can at once.
 */
export interface StreamedReport {
  /** What it makes of a file: scan() builds the pieces with it, in a worker for the worker's files. */
  readonly spec: PieceSpec;
  add(r: FileResult): void;
  addPiece(p: Piece): void;
  end(): void;
}

/**
 * The text of formatJson written file by file as results come, so that a large report is neither built whole
 * nor its findings kept: the same bytes as `JSON.stringify(report, null, 2)`. The errors and skipped files,
 * which come after every finding, are kept until end().
 */
export class JsonReport implements StreamedReport {
  readonly spec: PieceSpec = { format: 'json' };
  private started = false;
  private any = false;
  private readonly errors: unknown[] = [];
  private readonly skipped: unknown[] = [];

  constructor(private readonly files: number, private readonly write: (chunk: Chunk) => void) {}

  add(r: FileResult): void {
    this.addPiece(jsonPiece(r));
  }

  addPiece(p: Piece): void {
    if (p.format !== 'json') throw new Error('JSON report: given a stylish piece');
    if (p.text.length) {
      this.start();
      // the elements of two files are joined as JSON.stringify joins them
      this.write(this.any ? ',\n' : '  "findings": [\n');
      this.write(p.text);
      this.any = true;
    }
    if (p.errors) for (const e of p.errors) this.errors.push(e);
    if (p.skipped) this.skipped.push(p.skipped);
  }

  end(): void {
    this.start();
    this.write(this.any ? '\n  ]' : '  "findings": []');
    this.write(`,\n${jsonList('errors', this.errors)},\n${jsonList('skipped', this.skipped)}\n}\n`);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.write(`{\n  "version": 1,\n  "files": ${JSON.stringify(this.files)},\n`);
  }
}

// elements of a top-level array sit two levels deep (lines indented by four spaces): a batch of them is
// stringified at once inside a wrapper of that depth, and the wrapper cut off (one native call per batch)
const HEAD = '{\n  "x": [\n';
const TAIL = '\n  ]\n}';
function jsonElements(batch: unknown[]): string {
  const s = JSON.stringify({ x: batch }, null, 2);
  return s.slice(HEAD.length, s.length - TAIL.length);
}

/** `"name": [...]` as a member of the report (without the comma after it). */
function jsonList(name: string, items: unknown[]): string {
  return `  ${JSON.stringify(name)}: ${items.length ? `[\n${jsonElements(items)}\n  ]` : '[]'}`;
}

export interface StylishOptions {
  /** The run applied --fix first: what is left cannot be fixed by running it again. */
  afterFix?: boolean;
}

export function formatStylish(res: ScanResult, color: boolean, opts: StylishOptions = {}): string {
  const out = collected();
  const report = new StylishReport(res.files, color, opts, out.write);
  for (const r of res.results) report.add(r);
  report.end();
  return out.text();
}

/** The text of formatStylish written file by file as results come: each file's rows at once, the summary at the end. */
export class StylishReport implements StreamedReport {
  readonly spec: PieceSpec;
  private readonly c: (code: string, s: string) => string;
  private readonly counts = { error: 0, warning: 0, info: 0 };
  private readonly fixes = { safe: 0, review: 0, rendered: 0 };
  private errors = 0;
  private readonly skipped = new Map<SkipReason, number>();
  private readonly top = new Priorities();

  constructor(private readonly files: number, color: boolean, private readonly opts: StylishOptions, private readonly write: (chunk: Chunk) => void) {
    this.c = paint(color);
    this.spec = { format: 'stylish', color };
  }

  add(r: FileResult): void {
    this.addPiece(stylishPiece(r, this.spec.format === 'stylish' && this.spec.color));
  }

  addPiece(p: Piece): void {
    if (p.format !== 'stylish') throw new Error('stylish report: given a JSON piece');
    const n = p.counts;
    this.counts.error += n[0];
    this.counts.warning += n[1];
    this.counts.info += n[2];
    this.fixes.safe += n[3];
    this.fixes.review += n[4];
    this.fixes.rendered += n[5];
    this.errors += n[6];
    this.top.merge(p.rules);
    if (p.skipped) this.skipped.set(p.skipped, (this.skipped.get(p.skipped) ?? 0) + 1);
    if (p.text.length) this.write(p.text);
  }

  end(): void {
    const { c, counts, errors, skipped } = this;
    let out = '';
    const total = counts.error + counts.warning + counts.info;
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`, `${counts.info} info`];
    // a file that could not be read or parsed was never linted: never a green tick
    const mark = counts.error || errors ? c('31', '✖') : total ? c('33', '⚠') : c('32', '✔');
    out += `\n${mark} ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${this.files} file${this.files === 1 ? '' : 's'}`;
    if (errors) out += `; ${errors} file error${errors === 1 ? '' : 's'} (not linted)`;
    out += '\n';
    const nSkipped = [...skipped.values()].reduce((a, b) => a + b, 0);
    if (nSkipped) out += `  ${nSkipped} file${nSkipped === 1 ? '' : 's'} skipped: ${describeSkips(skipped)}\n`;
    out += fixHint(this.fixes, !!this.opts.afterFix);
    const top = this.top.list();
    if (top.length > 1) {
      out += `\nFix first (by severity, then how often):\n`;
      for (const t of top) out += `  ${c(SEV_COLOR[t.severity], t.severity.padEnd(7))}  ${t.ruleId} ×${t.count}${t.fixable ? ' (quick fix)' : ''}\n`;
    }
    this.write(out);
  }
}

const SEV_COLOR: Record<string, string> = { error: '31', warning: '33', info: '36' };

/** What the fixes left can do, counted by safety: --fix applies only the safe ones. */
function fixHint(fixes: { safe: number; review: number; rendered: number }, afterFix: boolean): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const review = fixes.review ? `${plural(fixes.review, 'fix', 'fixes')} to review in the editor` : '';
  if (afterFix) {
    const left = fixes.safe ? `${plural(fixes.safe, 'safe fix', 'safe fixes')} could not be applied automatically (the editor offers ${fixes.safe === 1 ? 'it' : 'them'})` : '';
    const rendered = fixes.rendered ? `${plural(fixes.rendered, 'safe fix', 'safe fixes')} in charts or kustomizations not applied: no edit of ${fixes.rendered === 1 ? 'its' : 'their'} source files is proven by rendering again` : '';
    const line = [left, rendered, review].filter(Boolean).join('; ');
    return line ? `  ${line}.\n` : '';
  }
  if (!fixes.safe && !fixes.review && !fixes.rendered) return '';
  const safe = fixes.safe ? `${fixes.safe} can be fixed by \`kubehex scan --fix\`` : '';
  const rendered = fixes.rendered ? `${plural(fixes.rendered, 'safe fix', 'safe fixes')} in charts or kustomizations: \`kubehex scan --fix\` applies ${fixes.rendered === 1 ? 'it' : 'those'} where an edit of the source files is proven by rendering again` : '';
  return `  ${[safe, rendered, review].filter(Boolean).join('; ')}.\n`;
}

type Priority = { ruleId: string; severity: Finding['severity']; count: number; fixable: boolean };

/** The rules to work on first: worst severity, then the most findings. */
export function priorities(res: ScanResult, most = 5): Priority[] {
  const p = new Priorities();
  for (const r of res.results) p.add(r);
  return p.list(most);
}

/** Counts findings by rule, file after file (or a file's counts at a time: see StylishPiece), for priorities(). */
class Priorities {
  private readonly by = new Map<string, Priority>();

  /** One file's findings counted by rule. */
  static of(r: FileResult): Priority[] {
    const p = new Priorities();
    p.add(r);
    return [...p.by.values()];
  }

  add(r: FileResult): void {
    for (const f of r.findings) {
      const e = this.by.get(f.ruleId) ?? { ruleId: f.ruleId, severity: f.severity, count: 0, fixable: false };
      e.count++;
      e.fixable ||= !!f.fix;
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[e.severity]) e.severity = f.severity;
      this.by.set(f.ruleId, e);
    }
  }

  /** Adds counts made elsewhere (Priorities.of). */
  merge(counts: ReadonlyArray<Priority>): void {
    for (const c of counts) {
      const e = this.by.get(c.ruleId);
      if (!e) { this.by.set(c.ruleId, { ...c }); continue; }
      e.count += c.count;
      e.fixable ||= c.fixable;
      if (SEVERITY_RANK[c.severity] > SEVERITY_RANK[e.severity]) e.severity = c.severity;
    }
  }

  list(most = 5): Priority[] {
    return [...this.by.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || a.ruleId.localeCompare(b.ruleId)).slice(0, most);
  }
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0', info: '2.0' } as const;

/**
 * SARIF 2.1.0. A rule's `help.markdown` is the text of its page (rules/<id>/README.md as kubehex ships it; for an
 * admission policy's rule, the README's section on policies); `helpUri` and the driver's `informationUri` are set
 * only when a docs base URL is configured (`--docs-url`, or `homepage` in package.json).
 */
export function formatSarif(res: ScanResult, all: ReadonlyArray<Rule>, docsBase?: string): string {
  const used = new Set(res.results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const ruleList = all.filter((r) => used.has(r.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  const driverRules = ruleList.map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.docs.summary },
    ...(docsBase ? { helpUri: ruleDocsUrl(r.meta.id, docsBase) } : {}),
    help: {
      text: `${r.meta.docs.summary}\n\nRecipe: ${r.meta.docs.recipe}`,
      markdown: rulePageText(r.meta.id) ?? `${r.meta.docs.summary}\n\n**Recipe:** ${r.meta.docs.recipe}\n\n6C category: \`${r.meta.category}\` · Parkerian Hexad: ${r.meta.goals.map((g) => `\`${g}\``).join(', ')}\n`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
    properties: {
      tags: ['security', 'kubernetes', `6c/${r.meta.category}`, ...r.meta.goals.map((g) => `hexad/${g}`)],
      'security-severity': SECURITY_SEVERITY[r.meta.severity],
      precision: 'high',
    },
  }));
  const results = res.results.flatMap((r: FileResult) => r.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: artifactLocation(r.file),
        region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
      },
      logicalLocations: [{ name: f.object.name, fullyQualifiedName: `${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.kind}/${f.object.name}`, kind: 'resource' }],
    }],
    partialFingerprints: { 'kubehex/v1': `${f.ruleId}:${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}:${f.path.join('.')}` },
    properties: { category: f.category, goals: f.goals, fixable: !!f.fix },
  })));
  const notifications = res.results.flatMap((r) => [
    ...r.errors.map((e) => ({
      level: 'error',
      message: { text: e.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file), ...(e.range ? { region: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1 } } : {}) } }],
    })),
    ...(r.skipped ? [{
      level: 'note',
      message: { text: `skipped (${r.skipped}): ${SKIP_TEXT[r.skipped]}` },
      descriptor: { id: `skipped/${r.skipped}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(r.file) } }],
    }] : []),
  ]);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'kubehex', version: VERSION, semanticVersion: VERSION, ...(docsBase ? { informationUri: docsBase } : {}), rules: driverRules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(process.cwd()) + '/' } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

const SKIP_TEXT: Record<SkipReason, string> = {
  'too-large': 'larger than --max-file-size, not linted',
  'template-source': 'a template source, linted only through a render of its chart',
  'kustomize-input': 'read by a kustomization, linted only through its build',
  'not-kubernetes': 'no document with apiVersion and kind',
};

/** Percent-encodes one path segment for a URI (RFC 3986): `#`, `?`, `%`, spaces and non-ASCII included. */
function encodeSegment(s: string): string {
  return encodeURIComponent(s);
}

/** An absolute `file://` URI for a local path. */
export function fileUri(abs: string): string {
  const segs = abs.split(sep).join('/').split('/');
  const drive = /^[A-Za-z]:$/.test(segs[0]) ? segs.shift() : undefined;
  return `file://${drive ? `/${drive}` : ''}${segs.map(encodeSegment).join('/')}`;
}

/**
 * SARIF artifact location: a relative URI against %SRCROOT% (the working directory) for files below it;
 * an absolute file:// URI and no uriBaseId for files outside it (SARIF1004).
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: encodeSegment(file), uriBaseId: '%SRCROOT%' };
  const rel = relative(process.cwd(), file);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { uri: fileUri(resolve(file)) };
  return { uri: rel.split(sep).map(encodeSegment).join('/'), uriBaseId: '%SRCROOT%' };
}

export function worstSeverity(res: ScanResult): number {
  let worst = 0;
  for (const r of res.results) worst = Math.max(worst, fileSeverity(r));
  return worst;
}

/** The worst severity of one file's result (see worstSeverity). */
export function fileSeverity(r: FileResult): number {
  // a file that could not be read, parsed or rendered counts as an error finding (as ESLint and kube-linter do)
  let worst = r.errors.length ? SEVERITY_RANK.error : 0;
  for (const f of r.findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return worst;
}

export { VERSION };
