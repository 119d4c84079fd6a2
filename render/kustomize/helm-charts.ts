import { LineIndex } from '../../engine';
import { joinPath, overlayFs } from '../fs';
import type { SourceMap } from '../source-map';
import type { Renderer } from '../types';
import type { Accumulator } from './context';
import { KustomizeError } from './errors';
import { resourcesFromText } from './factory';
import { get, getString, isMap, type KNode, type Src } from './node';
import { emitResources } from './yaml-out';
import type { Target } from './target';

/**
 * `helmCharts:` (what `kustomize build --enable-helm` does): the chart must be local (under `chartHome`,
 * default `charts/`); it is rendered by kubehex's Helm renderer, its output joins the resources, and each
 * node keeps the template line or values key the Helm render mapped it to. Nothing is pulled from a repository.
 */
export function inflateChart(t: Target, ra: Accumulator, n: KNode, index: number): void {
  const name = getString(n, 'name') ?? getString(n, 'chartName') ?? '';
  const globals = t.k.get('helmGlobals');
  const home = getString(globals, 'chartHome') ?? getString(n, 'chartHome') ?? 'charts';
  const dir = joinPath(t.ldr.root, home, name);
  const helm: Renderer | undefined = t.ctx.helm;
  if (!helm) throw new KustomizeError(`helmCharts: chart '${name}' cannot be rendered: kubehex's Helm renderer is not available in this build`);
  if (t.ctx.fs.stat(dir) !== 'dir') {
    const repo = getString(n, 'repo');
    throw new KustomizeError(`helmCharts: chart '${name}' is not in '${dir}'${repo ? ` (kubehex does not pull it from ${repo}: vendor the chart there)` : ''}`);
  }
  const values: string[] = [];
  const vf = getString(n, 'valuesFile');
  const inline = get(n, 'valuesInline');
  const merge = getString(n, 'valuesMerge') ?? 'override';
  const inlineFile = joinPath(dir, `.kubehex-helmcharts-values-${index}.yaml`);
  const overrides = new Map<string, string>();
  if (isMap(inline) && inline.entries.length) overrides.set(inlineFile, emitResources([inline]).text);
  const file = vf ? joinPath(t.ldr.root, vf) : undefined;
  if (merge === 'replace') { if (overrides.size) values.push(inlineFile); else if (file) values.push(file); }
  else if (merge === 'merge') { if (overrides.size) values.push(inlineFile); if (file) values.push(file); }
  else { if (file) values.push(file); if (overrides.size) values.push(inlineFile); }
  const more = get(n, 'additionalValuesFiles');
  if (more?.kind === 'seq') for (const i of more.items) if (i.kind === 'scalar') values.push(joinPath(t.ldr.root, i.value));
  const apiVersions = get(n, 'apiVersions');
  const fs = overrides.size ? overlayFs(t.ctx.fs, overrides) : t.ctx.fs;
  t.ctx.helmRenders++;
  const res = helm.render(fs, dir, {
    ...t.ctx.options,
    helm: {
      values, releaseName: getString(n, 'releaseName') ?? 'release-name', namespace: getString(n, 'namespace'),
      kubeVersion: getString(n, 'kubeVersion'), includeCrds: getString(n, 'includeCRDs') === 'true', skipTests: getString(n, 'skipTests') === 'true',
      apiVersions: apiVersions?.kind === 'seq' ? apiVersions.items.map((i) => (i.kind === 'scalar' ? i.value : '')) : [],
    },
  });
  for (const i of res.inputs) t.ctx.inputs.add(i.file);
  t.ctx.notes.push(...res.notes);
  if (res.errors.length) {
    const e = res.errors[0];
    throw new KustomizeError(`helmCharts: chart '${name}': ${e.message}`, e.file, e.range);
  }
  const out = `${dir}/<helm template output>`;
  const resources = resourcesFromText(res.text, out, t.ctx.scope, { file: dir, doc: 0, generator: { kind: 'HelmChartInflationGenerator', name, configuredIn: t.k.file, entry: n.src } });
  const lines = new LineIndex(res.text);
  const inlineSrc = isMap(inline) ? inline.src : undefined;
  const texts = new Map<string, LineIndex | undefined>();
  const lineIndex = (f: string) => { if (!texts.has(f)) { const x = t.ctx.fs.readText(f); texts.set(f, x === undefined ? undefined : new LineIndex(x)); } return texts.get(f); };
  for (const r of resources) remap(r.node, res.map, lines, inlineFile, inlineSrc, lineIndex);
  for (const r of resources) ra.resMap.append(r);
}

/** Gives nodes of the chart output the source the Helm render recorded (template text or values key). */
function remap(n: KNode, map: SourceMap, lines: LineIndex, inlineFile: string, inlineSrc: Src | undefined, lineIndex: (f: string) => LineIndex | undefined): void {
  if (n.src) {
    const start = lines.offset(n.src.range.start);
    const end = lines.offset(n.src.range.end);
    const seg = map.at(start, Math.max(end, start + 1));
    const o = seg?.origin;
    if (o?.kind === 'node') {
      n.src = o.file === inlineFile && inlineSrc
        ? { file: inlineSrc.file, doc: inlineSrc.doc, path: [...inlineSrc.path, ...o.path], range: inlineSrc.range, trace: seg?.trace }
        : { file: o.file, doc: o.doc, path: o.path, range: o.range, trace: seg?.trace };
    } else if (o?.kind === 'text' && seg) {
      const at = o.offset + (start - seg.start);
      const li = lineIndex(o.file);
      const range = li ? li.range(at, at + Math.min(end, seg.end) - start) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      n.src = { file: o.file, doc: 0, path: [], range, offset: at, trace: seg.trace };
    } else if (o?.kind === 'generated') n.src = { ...n.src, generated: o.note };
    else if (n.kind !== 'scalar') {
      // a block the chart wrote across several template lines and actions: no one source node to edit, so
      // it is shown where it starts in the template (a missing field is reported there, with no fix)
      const first = map.at(start, start + 1);
      const fo = first?.origin;
      const at = fo?.kind === 'text' && first ? fo.offset + (start - first.start) : undefined;
      const li = fo?.kind === 'text' ? lineIndex(fo.file) : undefined;
      const step = fo?.kind === 'text' && li && at !== undefined ? [{ file: fo.file, range: li.range(at, Math.max(at, li.nextLineStart(at) - 1)), note: 'chart template' }] : [];
      n.src = { ...n.src, generated: 'Helm chart output', trace: [...step, ...(first?.trace ?? []), ...(n.src.trace ?? [])] };
    }
  }
  if (n.kind === 'map') for (const e of n.entries) remap(e.value, map, lines, inlineFile, inlineSrc, lineIndex);
  else if (n.kind === 'seq') for (const i of n.items) remap(i, map, lines, inlineFile, inlineSrc, lineIndex);
}
