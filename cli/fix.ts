import { applyFixes } from '../engine';
import { displayPath } from './format';
import { planRenders } from './rendered';
import { prepareFile, ruleSetFor, type ScanSettings } from './scan';
import { fixTarget, writeAtomic } from './write';

export interface FixOutcome { files: number; applied: number; notes: string[] }

/**
 * `--fix`: applies the safe fixes to every file the scan lints as a plain manifest (the same gates: render inputs,
 * size, regular file, template sources and other skipped files are never written), atomically; a symlink is written through to its
 * target when the target is inside `roots`, otherwise refused with a note.
 */
export function fixFiles(files: ReadonlyArray<string>, settings: ScanSettings, roots: ReadonlyArray<string>): FixOutcome {
  const set = ruleSetFor(settings);
  const out: FixOutcome = { files: 0, applied: 0, notes: [] };
  // files a chart or kustomization reads are linted through the render, never fixed alone
  const { plain } = planRenders(files, set, { render: settings.render, kustomizeRoots: settings.kustomizeRoots, config: settings.config, configDir: settings.configDir });
  for (const file of plain) {
    const prepared = prepareFile(file, settings);
    if (!('text' in prepared)) continue;
    const res = applyFixes(prepared.text, set, (f) => f.fix?.safety === 'safe');
    if (!res.applied.length || res.text === prepared.text) continue;
    const target = fixTarget(file, roots);
    if ('refused' in target) {
      out.notes.push(`${displayPath(file)}: ${target.refused}`);
      continue;
    }
    try {
      writeAtomic(target.path, (prepared.bom ? '\ufeff' : '') + res.text);
    } catch (e) {
      out.notes.push(`${displayPath(file)}: could not write the fixes: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    out.files++;
    out.applied += res.applied.length;
  }
  return out;
}
