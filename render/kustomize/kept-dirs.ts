import type { FsEntry, ReadOnlyFs } from '../fs';
import type { RenderDiagnostic } from '../types';
import type { TransformerConfig } from './builtin-config';
import type { BuildContext } from './context';
import type { Resource } from './resource';
import type { Var } from './vars';

/**
 * Bases kept between builds (the language server, see keepKustomizeBuilds): a keystroke in an overlay's patch
 * rebuilds the overlay, but its bases (`resources: [../crd, ../rbac]`) read the same files and come out the same.
 * A base's accumulated resources (after the trace step its entry adds) are kept with everything the base's build
 * depended on: every call it made to the file system and its answer, in order. The base is used again only when
 * the same calls give the same answers now (the same texts, the same directory entries); then its resources are
 * copied (the overlay's transformers change trees in place) and what its build added to the context (inputs,
 * warnings, notes) is added again. Anything else a base's build depends on is part of the key.
 */

/** One thing a build did that a kept base must do again: a file-system call (with its answer) or an input recorded. */
export type TapeEvent =
  | { k: 'text'; path: string; out: string | undefined }
  | { k: 'bytes'; path: string; out: Uint8Array | undefined }
  | { k: 'stat'; path: string; out: 'file' | 'dir' | undefined }
  | { k: 'list'; path: string; out: FsEntry[] }
  | { k: 'why'; path: string; out: string | undefined }
  | { k: 'read'; path: string }
  | { k: 'input'; path: string };

interface KeptDir {
  events: TapeEvent[];
  warnings: RenderDiagnostic[];
  notes: RenderDiagnostic[];
  resources: Resource[];
  config: TransformerConfig;
  vars: Var[];
  chars: number;
}

let kept: { dirs: Map<string, KeptDir>; chars: number; max: number } | undefined;
/** At most this many bases are kept (a workspace of many overlays sharing few bases needs few). */
const MAX_DIRS = 200;

export function keepDirs(maxChars: number): void {
  kept = maxChars > 0 ? { dirs: new Map(), chars: 0, max: maxChars } : undefined;
}

export function keepingDirs(): boolean { return !!kept; }

/** How many times a kept base was used instead of building it (tests see that a rebuild reused its bases). */
export let keptDirsUsed = 0;

/** A file system that appends every call and its answer to the context's tape. */
export function tapedFs(fs: ReadOnlyFs, ctx: { tape: TapeEvent[] }): ReadOnlyFs {
  const out: ReadOnlyFs = {
    readText: (path) => { const r = fs.readText(path); ctx.tape.push({ k: 'text', path, out: r }); return r; },
    readBytes: (path) => { const r = fs.readBytes(path); ctx.tape.push({ k: 'bytes', path, out: r }); return r; },
    stat: (path) => { const r = fs.stat(path); ctx.tape.push({ k: 'stat', path, out: r }); return r; },
    list: (dir) => { const r = fs.list(dir); ctx.tape.push({ k: 'list', path: dir, out: r.map((e) => ({ ...e })) }); return r; },
  };
  if (fs.whyUnreadable) out.whyUnreadable = (path) => { const r = fs.whyUnreadable!(path); ctx.tape.push({ k: 'why', path, out: r }); return r; };
  return out;
}

/** A set of paths whose additions go on the context's tape (the build's `reads` and `inputs`). */
export class TapedSet extends Set<string> {
  constructor(private readonly ctx: { tape?: TapeEvent[] }, private readonly kind: 'read' | 'input') { super(); }
  override add(path: string): this {
    this.ctx.tape?.push({ k: this.kind, path });
    return super.add(path);
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameList(a: ReadonlyArray<FsEntry>, b: ReadonlyArray<FsEntry>): boolean {
  return a.length === b.length && a.every((e, i) => e.name === b[i].name && e.type === b[i].type);
}

/** Makes the calls of a kept base's build again: do they all give the same answers? (They go on the tape too.) */
function stillHolds(ctx: BuildContext, events: ReadonlyArray<TapeEvent>): boolean {
  const fs = ctx.fs;
  for (const e of events) {
    switch (e.k) {
      case 'text': if (fs.readText(e.path) !== e.out) return false; break;
      case 'bytes': if (!sameBytes(fs.readBytes(e.path), e.out)) return false; break;
      case 'stat': if (fs.stat(e.path) !== e.out) return false; break;
      case 'list': if (!sameList(fs.list(e.path), e.out)) return false; break;
      case 'why': if (fs.whyUnreadable?.(e.path) !== e.out) return false; break;
      default: break;
    }
  }
  return true;
}

/** What a base's build gives, as its caller uses it. */
export interface BaseResult { resources: Resource[]; config: TransformerConfig; vars: Var[] }

/** A kept base whose build would do the same now: its resources copied, its inputs, warnings and notes added again. */
export function reuseDir(ctx: BuildContext, key: string): BaseResult | undefined {
  const d = kept?.dirs.get(key);
  if (!d || !ctx.tape) return undefined;
  if (!stillHolds(ctx, d.events)) return undefined;
  for (const e of d.events) {
    if (e.k === 'read') ctx.reads.add(e.path);
    else if (e.k === 'input') ctx.inputs.add(e.path);
  }
  ctx.warnings.push(...d.warnings);
  ctx.notes.push(...d.notes);
  kept!.dirs.delete(key);
  kept!.dirs.set(key, d);
  keptDirsUsed++;
  return { resources: d.resources.map((r) => r.copy(ctx.scope)), config: d.config, vars: d.vars };
}

/** Where a base's build starts on the context's records (for keepDir). */
export interface DirMark { tape: number; warnings: number; notes: number; helm: number }

export function markDir(ctx: BuildContext): DirMark | undefined {
  if (!kept || !ctx.tape) return undefined;
  return { tape: ctx.tape.length, warnings: ctx.warnings.length, notes: ctx.notes.length, helm: ctx.helmRenders };
}

/** Keeps a base built since `mark` (not one that rendered a Helm chart: that render has caches of its own). */
export function keepDir(ctx: BuildContext, key: string, mark: DirMark | undefined, result: BaseResult): void {
  if (!kept || !mark || !ctx.tape || ctx.helmRenders !== mark.helm) return;
  const events = ctx.tape.slice(mark.tape);
  let chars = 0;
  for (const e of events) if (e.k === 'text' && e.out) chars += e.out.length;
  if (chars > kept.max / 4) return;
  const old = kept.dirs.get(key);
  if (old) { kept.chars -= old.chars; kept.dirs.delete(key); }
  kept.dirs.set(key, {
    events, warnings: ctx.warnings.slice(mark.warnings), notes: ctx.notes.slice(mark.notes),
    resources: result.resources.map((r) => r.copy(ctx.scope)), config: result.config, vars: [...result.vars], chars,
  });
  kept.chars += chars;
  for (const [k, d] of kept.dirs) {
    if (kept.chars <= kept.max && kept.dirs.size <= MAX_DIRS) break;
    kept.dirs.delete(k);
    kept.chars -= d.chars;
  }
}
