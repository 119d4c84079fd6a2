import { applyEdits, lintDocument, type Finding, type K8sObject, type RuleSet } from '../engine';
import { translateFix, type SourceFix } from './fix-back';
import { overlayFs, type ReadOnlyFs } from './fs';
import { renderSource } from './pipeline';
import type { Renderer, RenderOptions } from './types';

/** The source edits `kubehex scan --fix` makes for one chart or kustomization: new text per file, nothing written. */
export interface SourceFixPlan {
  /** New text of each edited source file (values file, template, resource, patch). */
  texts: Map<string, string>;
  /** The fixes applied, in order (their titles, e.g. "Set ... in values.yaml (3 objects)"). */
  applied: SourceFix[];
}

export interface PlanSourceFixesArgs {
  fs: ReadOnlyFs;
  root: string;
  renderer: Renderer;
  options: RenderOptions;
  set: RuleSet;
  /** Objects of the rest of the scan, for cross-object rules. */
  others?: ReadonlyArray<K8sObject>;
  /** Which fixes to apply (default: the safe ones). */
  accept?: (f: Finding) => boolean;
  display: (file: string) => string;
  /** May a fix edit this file? (Files the render read; the CLI adds its own gates.) */
  editable?: (file: string) => boolean;
}

/** At most this many fixes per source: each costs two renders. */
export const MAX_SOURCE_FIXES = 200;

/**
 * Applies fixes to a rendered source one at a time, each translated to its source files and verified by rendering
 * again (render/fix-back.ts translateFix): after each, the source is rendered and linted anew over the edited
 * files, so a values key that feeds several objects is edited once (the other objects' findings are gone with it)
 * and later fixes are planned on the edited text. A finding whose fix has no verified translation is left as it
 * is. Nothing is written: the caller gets the new texts.
 */
export function planSourceFixes(a: PlanSourceFixesArgs): SourceFixPlan {
  const accept = a.accept ?? ((f: Finding) => f.fix?.safety === 'safe');
  const texts = new Map<string, string>();
  const applied: SourceFix[] = [];
  const failed = new Set<string>();
  const rerender = (fs: ReadOnlyFs) => a.renderer.render(fs, a.root, a.options);
  while (applied.length < MAX_SOURCE_FIXES) {
    const fs = overlayFs(a.fs, texts);
    const rs = renderSource(fs, a.root, a.renderer, a.options, a.set);
    if (rs.result.errors.length || !rs.parsed) break;
    const all = [...(a.others ?? []), ...rs.objects];
    let chosen: SourceFix | undefined;
    for (const pd of rs.parsed.docs) {
      if (!pd.doc || pd.errors.length) continue;
      let found: Finding[];
      try { found = lintDocument(rs.parsed, pd, a.set, all); } catch { continue; }
      for (const f of found) {
        if (!f.fix || !accept(f)) continue;
        const key = `${f.docIndex}|${f.ruleId}|${f.messageId}|${JSON.stringify(f.path)}|${f.fix.title}`;
        if (failed.has(key)) continue;
        const sf = translateFix({ result: rs.result, rendered: rs.parsed, finding: f, fs, src: rs.src, rerender, set: a.set, display: a.display });
        if (!sf || !accept({ ...f, fix: { ...f.fix, safety: sf.safety } }) || (a.editable && !sf.files.every((x) => a.editable!(x.file)))) {
          failed.add(key);
          continue;
        }
        chosen = sf;
        break;
      }
      if (chosen) break;
    }
    if (!chosen) break;
    for (const f of chosen.files) {
      const before = texts.get(f.file) ?? a.fs.readText(f.file);
      if (before === undefined) return { texts: new Map(), applied: [] };
      texts.set(f.file, applyEdits(before, f.edits));
    }
    applied.push(chosen);
  }
  return { texts, applied };
}
