import { readFileSync } from 'node:fs';
import { applyFixes } from '../engine';
import { optionsForRoot, planSourceFixes } from '../render';
import { diskFs } from './disk-fs';
import { displayPath } from './format';
import { planRenders } from './rendered';
import { prepareFile, ruleSetFor, type ScanSettings } from './scan';
import { fixTarget, writeAtomic } from './write';

export interface FixOutcome { files: number; applied: number; notes: string[] }

/**
 * `--fix`: applies the safe fixes to every file the scan lints as a plain manifest (the same gates: render inputs,
 * size, regular file, template sources and other skipped files are never written alone), atomically; a symlink is
 * written through to its target when the target is inside `roots`, otherwise refused with a note.
 *
 * A chart or kustomization the scan renders gets the safe fixes of its rendered findings that translate to an edit
 * of its own source files (values file, template, resource, patch) proven by rendering again (render/fix-apply.ts):
 * one edit per values key however many objects it feeds, and none where no verified edit exists.
 */
export function fixFiles(files: ReadonlyArray<string>, settings: ScanSettings, roots: ReadonlyArray<string>): FixOutcome {
  const set = ruleSetFor(settings);
  const out: FixOutcome = { files: 0, applied: 0, notes: [] };
  // files a chart or kustomization reads are linted through the render, never fixed alone
  const plan = planRenders(files, set, { render: settings.render, kustomizeRoots: settings.kustomizeRoots, config: settings.config, configDir: settings.configDir });
  for (const file of plan.plain) {
    const prepared = prepareFile(file, settings);
    if (!('text' in prepared)) continue;
    const res = applyFixes(prepared.text, set, (f) => f.fix?.safety === 'safe');
    if (!res.applied.length || res.text === prepared.text) continue;
    if (write(file, (prepared.bom ? '\ufeff' : '') + res.text, roots, out)) out.applied += res.applied.length;
  }
  const fs = diskFs();
  for (const s of plan.sources) {
    if (s.result.errors.length || !s.parsed) continue;
    // only the files this render read, and only real files (not members of a .tgz subchart)
    const inputs = new Set(s.result.inputs.map((i) => i.file));
    const fixes = planSourceFixes({
      fs, root: s.root, renderer: s.renderer, options: optionsForRoot(s.root, settings.render ?? {}, settings.config, settings.configDir), set,
      display: (f) => displayPath(f), editable: (f) => inputs.has(f) && fs.stat(f) === 'file',
    });
    if (!fixes.applied.length) continue;
    let written = 0;
    for (const [file, text] of fixes.texts) {
      let bom = false;
      try {
        const head = readFileSync(file).subarray(0, 3);
        if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe)) { out.notes.push(`${displayPath(file)}: UTF-16 text; not fixed`); continue; }
        bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
      } catch (e) {
        out.notes.push(`${displayPath(file)}: could not read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        continue;
      }
      if (write(file, (bom ? '\ufeff' : '') + text, roots, out)) written++;
    }
    if (written === fixes.texts.size) out.applied += fixes.applied.length;
    else out.notes.push(`${displayPath(s.root)}: ${fixes.texts.size - written} of ${fixes.texts.size} source files not written; the fixes there are left to apply`);
  }
  return out;
}

/** Writes one fixed file (through a symlink inside `roots`), atomically; counts it, or notes why not. */
function write(file: string, text: string, roots: ReadonlyArray<string>, out: FixOutcome): boolean {
  const target = fixTarget(file, roots);
  if ('refused' in target) {
    out.notes.push(`${displayPath(file)}: ${target.refused}`);
    return false;
  }
  try {
    writeAtomic(target.path, text);
  } catch (e) {
    out.notes.push(`${displayPath(file)}: could not write the fixes: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return false;
  }
  out.files++;
  return true;
}
