import { resolve } from 'node:path';
import { helmFlagError, normalizePath, renderers as registered, type RenderDiagnostic, type Renderer, type RenderOptions, type ReadOnlyFs } from '../render';
import { diskFs } from './disk-fs';

/**
 * `kubehex render PATH [flags]`: prints what `kubectl kustomize` (or `helm template`) prints for the source
 * at PATH. Exit 0 rendered, 1 the source does not render, 2 usage error. Errors go to stderr with the real
 * tool's wording, prefixed `FILE:LINE:COL: ` (or `FILE: ` when only the file is known).
 */

export class RenderUsageError extends Error {}

const VALUE = new Set(['--values', '-f', '--set', '--set-string', '--release-name', '--namespace', '-n', '--kube-version', '--api-versions', '-a', '--load-restrictor']);
const BOOL = new Set(['--include-crds', '--skip-tests', '--is-upgrade']);

export interface RenderArgs { path: string; values: Map<string, string[]>; bools: Set<string> }

export function parseRenderArgs(argv: string[]): RenderArgs {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v: string | undefined;
    if (a.startsWith('--') && a.includes('=')) { v = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    if (VALUE.has(a)) {
      if (v === undefined) v = argv[++i];
      if (v === undefined) throw new RenderUsageError(`${a} needs a value`);
      values.set(a, [...(values.get(a) ?? []), v]);
    } else if (BOOL.has(a)) bools.add(a);
    else if (a.startsWith('-')) throw new RenderUsageError(`unknown option ${a} (see kubehex --help)`);
    else paths.push(a);
  }
  if (paths.length !== 1) throw new RenderUsageError('render takes exactly one PATH (a chart or kustomization directory)');
  return { path: paths[0], values, bools };
}

function options(a: RenderArgs, cwd: string): RenderOptions {
  const lr = a.values.get('--load-restrictor')?.pop();
  if (lr !== undefined && lr !== 'LoadRestrictionsRootOnly' && lr !== 'LoadRestrictionsNone') throw new RenderUsageError('--load-restrictor must be one of LoadRestrictionsRootOnly, LoadRestrictionsNone');
  const one = (...k: string[]) => k.flatMap((x) => a.values.get(x) ?? []).pop();
  const many = (...k: string[]) => k.flatMap((x) => a.values.get(x) ?? []);
  return {
    kustomize: lr ? { loadRestrictor: lr } : {},
    helm: {
      values: many('--values', '-f').map((f) => resolve(cwd, f)), set: many('--set'), setString: many('--set-string'),
      releaseName: one('--release-name'), namespace: one('--namespace', '-n'), kubeVersion: one('--kube-version'),
      apiVersions: many('--api-versions', '-a'), includeCrds: a.bools.has('--include-crds'), skipTests: a.bools.has('--skip-tests'), isUpgrade: a.bools.has('--is-upgrade'),
    },
  };
}

export function formatDiagnostic(d: RenderDiagnostic, cwd = process.cwd()): string {
  const rel = d.file.startsWith(cwd + '/') ? d.file.slice(cwd.length + 1) : d.file;
  return d.range ? `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}` : `${rel}: ${d.message}`;
}

export interface RenderIo { stdout: (s: string) => void; stderr: (s: string) => void; fs?: ReadOnlyFs; cwd?: string }

/** Runs `kubehex render`; the renderers are tried in order (the first whose `isRoot` accepts PATH). */
export function cmdRender(argv: string[], io: RenderIo, renderers: ReadonlyArray<Renderer> = registered): number {
  let args: RenderArgs;
  let opts: RenderOptions;
  try { args = parseRenderArgs(argv); opts = options(args, io.cwd ?? process.cwd()); } catch (e) {
    if (e instanceof RenderUsageError) { io.stderr(`kubehex: ${e.message}\n`); return 2; }
    throw e;
  }
  const fs = io.fs ?? diskFs();
  // flags that are wrong in themselves are usage errors, before any chart is read
  const flagError = helmFlagError(opts.helm ?? {});
  if (flagError) { io.stderr(`kubehex: ${flagError}\n`); return 2; }
  const given = [...(args.values.get('--values') ?? []), ...(args.values.get('-f') ?? [])];
  const missing = (opts.helm?.values ?? []).findIndex((f) => fs.stat(f) !== 'file');
  if (missing >= 0) { io.stderr(`kubehex: --values ${given[missing] ?? opts.helm!.values![missing]}: no such file\n`); return 2; }
  const root = normalizePath(resolve(io.cwd ?? process.cwd(), args.path));
  if (fs.stat(root) !== 'dir') { io.stderr(`kubehex: ${args.path}: not a directory (render takes a chart or kustomization directory)\n`); return 2; }
  const renderer = renderers.find((r) => r.isRoot(fs, root));
  if (!renderer) {
    const chart = fs.stat(`${root}/Chart.yaml`) === 'file';
    io.stderr(`kubehex: ${args.path}: ${chart ? 'Helm charts cannot be rendered by this build yet' : 'no Chart.yaml or kustomization.yaml / kustomization.yml / Kustomization here'}\n`);
    return chart ? 1 : 2;
  }
  const res = renderer.render(fs, root, opts);
  for (const n of res.notes) io.stderr(n.message.startsWith('# Warning:') ? `${n.message}\n` : `${formatDiagnostic(n, io.cwd)}\n`);
  if (res.errors.length) {
    for (const e of res.errors) io.stderr(`${formatDiagnostic(e, io.cwd)}\n`);
    return 1;
  }
  io.stdout(res.text);
  return 0;
}
