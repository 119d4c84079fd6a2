import { isTemplateSource } from '../engine';
import { dirOf, joinPath, type ReadOnlyFs } from './fs';

/**
 * Why a file found by a scan is not linted on its own (JSON `skipped[].reason`, SARIF notifications, the
 * stylish summary). Files excluded by `ignore` or `.gitignore` are not "skipped": they were never part of the scan.
 */
export type SkipReason = 'too-large' | 'template-source' | 'kustomize-input' | 'not-kubernetes';

export const SKIP_REASONS: ReadonlyArray<SkipReason> = ['too-large', 'template-source', 'kustomize-input', 'not-kubernetes'];

/** Files that a chart render or a kustomization reads (render/ decides this once, for the CLI and the server). */
export type ConsumedFiles = ReadonlyMap<string, 'template-source' | 'kustomize-input'>;

export interface SkipQuery {
  /** Absolute, `/`-separated; `<stdin>` for standard input. */
  file: string;
  /** Bytes, when known (before reading). */
  size?: number;
  maxFileSize: number;
  /** The decoded text, once read. */
  text?: string;
  /** The documents' heads, once parsed without errors. */
  docs?: ReadonlyArray<{ apiVersion?: string; kind?: string }>;
  /** To find the Chart.yaml above a `templates/` folder. */
  fs?: ReadOnlyFs;
  consumed?: ConsumedFiles;
}

/**
 * The one place that decides whether a file is linted, and if not, why. Front ends call it as they learn
 * more about the file: with its size before reading it, with its text before parsing it, with its
 * documents after parsing it; the first answer that is not undefined is final.
 */
export function skipReason(q: SkipQuery): SkipReason | undefined {
  const consumed = q.consumed?.get(q.file);
  if (consumed) return consumed;
  if (q.size !== undefined && q.size > q.maxFileSize) return 'too-large';
  if (q.text !== undefined && q.docs === undefined) {
    const inTemplates = !!q.fs && q.file !== '<stdin>' && inChartTemplates(q.fs, q.file);
    if (isTemplateSource(q.text, inTemplates)) return 'template-source';
  }
  if (q.docs && !q.docs.some((d) => d.apiVersion !== undefined && d.kind !== undefined)) return 'not-kubernetes';
  return undefined;
}

/** A file in a `templates/` folder (at any depth) below a folder that holds a Chart.yaml is a Helm template. */
export function inChartTemplates(fs: ReadOnlyFs, file: string): boolean {
  const parts = dirOf(file).split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] !== 'templates') continue;
    if (fs.stat(joinPath(parts.slice(0, i).join('/') || '/', 'Chart.yaml')) === 'file') return true;
  }
  return false;
}

/** "2 too large, 5 template sources" (in SKIP_REASONS order). */
export function describeSkips(counts: ReadonlyMap<SkipReason, number>): string {
  const noun: Record<SkipReason, [string, string]> = {
    'too-large': ['too large', 'too large'],
    'template-source': ['template source', 'template sources'],
    'kustomize-input': ['kustomize input', 'kustomize inputs'],
    'not-kubernetes': ['not Kubernetes', 'not Kubernetes'],
  };
  return SKIP_REASONS.filter((r) => counts.get(r)).map((r) => `${counts.get(r)} ${noun[r][counts.get(r) === 1 ? 0 : 1]}`).join(', ');
}
