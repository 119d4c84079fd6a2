import { baseOf, dirOf, joinPath, relativeTo, isWithin } from '../fs';
import type { TraceStep } from '../source-map';
import type { RenderDiagnostic } from '../types';
import { Accumulator, type BuildContext } from './context';
import { KustomizeError, goQuote, placed, wrap } from './errors';
import { resourcesFromText } from './factory';
import { parseKustomization, type Kustomization } from './kustomization';
import { KUSTOMIZATION_FILES, Loader, isRemote, remoteError } from './loader';
import { isNull, withStep, type KNode, type Src } from './node';
import { BUILTIN_SCHEMA, openApiSchema } from './schema';
import { runGenerators, runTransformers, loadTransformerConfig } from './configure';
import { bindVars, readVar } from './vars';
import type { Resource } from './resource';
import { ResMap } from './resmap';
import { keepDir, keepingDirs, markDir, reuseDir } from './kept-dirs';

/** A path relative to the build root, for notes ("overlays/prod", "../base"). */
export function relPath(ctx: BuildContext, p: string): string {
  if (isWithin(ctx.root, p)) return relativeTo(ctx.root, p);
  const up: string[] = [];
  let r = ctx.root;
  while (!isWithin(r, p) && r !== '/') { r = dirOf(r); up.push('..'); }
  const rest = relativeTo(r, p);
  return [...up, ...(rest === '.' ? [] : [rest])].join('/');
}

/** Adds a step in front of every node's trace (outermost first). */
export function prependTrace(n: KNode, step: TraceStep, seen = new Set<KNode>()): void {
  if (seen.has(n)) return;
  seen.add(n);
  if (n.src && !n.src.generated) n.src = withStep(n.src, step, true);
  if (n.kind === 'map') for (const e of n.entries) prependTrace(e.value, step, seen);
  else if (n.kind === 'seq') for (const i of n.items) prependTrace(i, step, seen);
}

export function stepOf(src: Src | undefined, file: string, note: string): TraceStep {
  return { file, range: src?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, note };
}

/** One kustomization (or component) directory being built. */
export class Target {
  constructor(readonly ctx: BuildContext, readonly ldr: Loader, readonly k: Kustomization) {}

  static load(ctx: BuildContext, ldr: Loader): Target {
    const found = KUSTOMIZATION_FILES.filter((f) => ctx.fs.stat(joinPath(ldr.root, f)) === 'file');
    if (!found.length) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${ldr.root}'`);
    if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${ldr.root}\n`);
    const file = joinPath(ldr.root, found[0]);
    const text = ctx.fs.readText(file);
    if (text === undefined) throw new KustomizeError(`open ${file}: cannot read file`);
    ctx.reads.add(file);
    const k = parseKustomization(text, file, ldr.root);
    for (const w of k.warnings) { const r = k.fieldSrc(w.field)?.range; ctx.warnings.push(r ? { file, range: r, message: w.message } : { file, message: w.message }); }
    return new Target(ctx, ldr, k);
  }

  rel(p: string): string { return relPath(this.ctx, p); }

  /** Errors from an entry of this kustomization are placed on that entry. */
  at<T>(src: Src | undefined, fn: () => T): T {
    try { return fn(); } catch (e) { throw placed(e, this.k.file, src?.range); }
  }

  /** A remote entry: an error (kustomize would fetch it; we never do), or with `skipRemote` a note and nothing. */
  private remote(path: string, src: Src | undefined): void {
    if (!this.ctx.options.kustomize?.skipRemote) throw remoteError(path);
    const note: RenderDiagnostic = { file: this.k.file, message: `remote resource '${path}' is not fetched: kubehex builds offline, so the objects it adds were not linted (vendor it to lint them)`, remote: path };
    if (src?.range) note.range = src.range;
    this.ctx.notes.push(note);
  }

  accumulate(ra: Accumulator): Accumulator {
    this.ctx.checkCancelled();
    const resources = [...this.k.strings('resources'), ...this.k.strings('bases')];
    try { this.accumulateResources(ra, resources); } catch (e) { throw wrap(e, 'accumulating resources'); }
    const tc = loadTransformerConfig(this);
    ra.mergeConfig(tc);
    runGenerators(this, ra);
    try { this.accumulateComponents(ra); } catch (e) { throw wrap(e, 'accumulating components'); }
    runTransformers(this, ra);
    if (this.k.list('validators').length) throw placed(new KustomizeError('validators are plugins; kubehex does not run plugins'), this.k.file, this.k.fieldSrc('validators')?.range);
    const vars = this.k.list('vars').map(readVar);
    this.at(this.k.fieldSrc('vars'), () => {
      bindVars(ra.resMap, vars);
      try { ra.mergeVars(vars); } catch (e) { throw wrap(e, `merging vars ${vars.map((v) => v.name).join(' ')}`); }
    });
    return ra;
  }

  accumulateResources(ra: Accumulator, entries: Array<{ value: string; src?: Src }>): void {
    for (const entry of entries) {
      this.at(entry.src, () => this.accumulateResource(ra, entry.value, entry.src));
    }
  }

  private accumulateResource(ra: Accumulator, path: string, src: Src | undefined): void {
    if (isRemote(path)) { this.remote(path, src); return; }
    let fileErr: KustomizeError;
    try {
      const text = this.ldr.load(path);
      const file = this.ldr.resolveFile(path);
      let resources: Resource[];
      try { resources = resourcesFromText(text, file, this.ctx.scope, undefined, path); } catch (e) { throw wrap(e, `accumulating resources from '${path}'`); }
      this.ctx.inputs.add(file);
      try { ra.resMap.appendAll(resources); } catch (e) { throw wrap(e, `merging resources from '${path}'`); }
      return;
    } catch (e) {
      fileErr = (e as KustomizeError).message.startsWith('accumulating resources from') || (e as KustomizeError).message.startsWith('merging resources from') ? (e as KustomizeError) : wrap(e, `accumulating resources from '${path}'`);
    }
    let child: Loader;
    try { child = this.ldr.child(path); } catch (e) {
      if (fileErr.message.includes('MalformedYAMLError')) throw fileErr;
      throw wrap(e, `accumulation err='${fileErr.message}'`);
    }
    try {
      this.accumulateDirectory(ra, child, false, src);
    } catch (e) { throw wrap(e, `accumulation err='${fileErr.message}'`); }
  }

  private accumulateComponents(ra: Accumulator): void {
    for (const entry of this.k.strings('components')) {
      if (isRemote(entry.value)) { this.at(entry.src, () => this.remote(entry.value, entry.src)); continue; }
      this.at(entry.src, () => {
        let child: Loader;
        try { child = this.ldr.child(entry.value); } catch (e) { throw new KustomizeError(`loader.New ${goQuote((e as Error).message)}`); }
        try { this.accumulateDirectory(ra, child, true, entry.src); } catch (e) { throw new KustomizeError(`accumulateDirectory: ${goQuote((e as Error).message)}`, (e as KustomizeError).file, (e as KustomizeError).range); }
      });
    }
  }

  accumulateDirectory(ra: Accumulator, ldr: Loader, isComponent: boolean, entrySrc: Src | undefined): void {
    if (isComponent) { this.buildDirectory(ra, ldr, true, entrySrc); return; }
    // a base whose build would read the same files and give the same resources as in an earlier build (kept-dirs.ts)
    const key = this.keptKey(ldr, entrySrc);
    const reused = key === undefined ? undefined : reuseDir(this.ctx, key);
    if (reused) {
      const subRa = new Accumulator();
      subRa.resMap = new ResMap(reused.resources);
      subRa.config = reused.config;
      subRa.vars = reused.vars;
      try { ra.mergeAccumulator(subRa); } catch (e) { throw wrap(e, `recursed merging from path '${ldr.root}'`); }
      return;
    }
    const mark = key === undefined ? undefined : markDir(this.ctx);
    const subRa = this.buildDirectory(ra, ldr, false, entrySrc);
    if (key !== undefined && subRa && this.ctx.schema === BUILTIN_SCHEMA && !this.ctx.schemaSet) {
      keepDir(this.ctx, key, mark, { resources: subRa.resMap.list, config: subRa.config, vars: subRa.vars });
    }
  }

  /**
   * What a base's build depends on besides the files it reads: where it is, the chain of roots above it (cycles),
   * the entry's trace step, the options; undefined when it cannot be kept (a schema from an `openapi:` file).
   */
  private keptKey(ldr: Loader, entrySrc: Src | undefined): string | undefined {
    if (!keepingDirs() || this.ctx.schema !== BUILTIN_SCHEMA || this.ctx.schemaSet) return undefined;
    let chain = '';
    for (let l: Loader | undefined = ldr; l; l = l.referrer) chain += `${l.root}\u0000`;
    const r = entrySrc?.range;
    const at = r ? `${r.start.line},${r.start.character},${r.end.line},${r.end.character}` : '-';
    return `${chain}\u0001${ldr.restrict}\u0001${this.k.file}\u0001${this.rel(this.ldr.root)}\u0001${at}\u0001${this.ctx.root}\u0001${this.ctx.keyOfOptions()}`;
  }

  /** Builds a base or component directory into `ra`; for a base, returns its own accumulator (merged into `ra`). */
  private buildDirectory(ra: Accumulator, ldr: Loader, isComponent: boolean, entrySrc: Src | undefined): Accumulator | undefined {
    let sub: Target;
    try { sub = Target.load(this.ctx, ldr); } catch (e) { throw wrap(e, `couldn't make target for path '${ldr.root}'`); }
    this.ctx.inputs.add(sub.k.file);
    const openapi = sub.k.stringMap('openapi').find((e) => e.key === 'path');
    if (openapi && !this.ctx.schemaSet) {
      this.ctx.schema = openApiSchema(sub.ldr.load(openapi.value));
      this.ctx.schemaSet = true;
    }
    if (isComponent && sub.k.kind !== 'Component') throw new KustomizeError(`expected kind 'Component' for path '${ldr.root}' but got '${sub.k.kind}'`);
    if (!isComponent && sub.k.kind === 'Component') throw new KustomizeError(`expected kind != 'Component' for path '${ldr.root}'`);
    const before = new Set(ra.resMap.list);
    let subRa: Accumulator;
    try {
      subRa = isComponent ? sub.accumulate(ra) : sub.accumulate(new Accumulator());
    } catch (e) { throw wrap(e, `recursed accumulation of path '${ldr.root}'`); }
    const step = stepOf(entrySrc, this.k.file, isComponent ? `via component ${this.rel(ldr.root)}` : `via overlay ${this.rel(this.ldr.root) === '.' ? baseOf(this.ldr.root) : this.rel(this.ldr.root)}`);
    for (const r of subRa.resMap.list) if (!before.has(r)) prependTrace(r.node, step);
    if (isComponent) {
      ra.resMap = subRa.resMap;
      ra.config = subRa.config;
      ra.vars = subRa.vars;
      return undefined;
    }
    // kept before the overlay's transformers change the trees (keepDir copies them)
    const result = subRa;
    try { ra.mergeAccumulator(subRa); } catch (e) { throw wrap(e, `recursed merging from path '${ldr.root}'`); }
    return result;
  }
}

export function isNullish(n: KNode | undefined): boolean { return !n || isNull(n); }
