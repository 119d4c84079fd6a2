import { LineIndex } from '../../engine';
import type { RenderDiagnostic, RenderLimits } from '../types';
import { HelmError, chartFullPath, isLibrary, type Chart, type ChartFile } from './chart';
import type { KubeVersionInfo } from './capabilities';
import type { EngineError, LookupSite, TemplateEngine } from './engine-api';
import { makeFiles } from './files';
import { Capabilities, chartObject, releaseObject, type GoAdapter, type ReleaseInfo } from './go-objects';
import type { RenderedTemplate } from './manifests';
import { hasKey, isMap, type GoMap, type ValueOrigins } from './value-origins';

/**
 * Executes every template of the chart tree as Helm's engine does: all charts' templates in one set (named
 * `<chart path>/templates/<file>`, a subchart's path being `<parent>/charts/<name>`), parsed deepest path first
 * and, at equal depth, in reverse name order (so a parent's `define` wins over a subchart's); a library chart
 * contributes only its partials; partials (`_*`) are not rendered. Each chart's templates see `.Values` (the
 * parent's `<name>:` section for a subchart), `.Chart`, `.Files`, `.Release`, `.Capabilities`, `.Subcharts`, and
 * `.Template` ({Name, BasePath}). The first failing template in that order is the error.
 */
export interface ExecuteContext {
  engine: TemplateEngine;
  origins: ValueOrigins;
  limits: RenderLimits;
  check: () => void;
  notes: RenderDiagnostic[];
  release: ReleaseInfo;
  kube: KubeVersionInfo;
  apiVersions: string[];
}

interface Renderable { name: string; file: ChartFile; chart: Chart; data: GoMap; basePath: string }

export function executeCharts(root: Chart, values: GoMap, ctx: ExecuteContext): RenderedTemplate[] {
  const go: GoAdapter = { int: (n) => ctx.engine.int(n), typed: (o, t) => ctx.engine.typed(o, t) };
  const release = releaseObject(ctx.release, go);
  // `.Release.Namespace` is chosen when the chart is installed (`helm install -n`): without --namespace, the
  // `default` that helm template prints is a stand-in nobody wrote, and no finding is about it (Origin placeholder)
  ctx.origins.set(release, 'Namespace', ctx.release.namespaceGiven
    ? { kind: 'generated', note: `--namespace ${ctx.release.namespace}` }
    : { kind: 'generated', note: 'no --namespace given: helm template prints "default"; helm install -n chooses the namespace', placeholder: true });
  const shared = { Release: release, Capabilities: new Capabilities(ctx.kube, ctx.apiVersions) };
  const tpls: Renderable[] = [];
  collect(root, values, true, tpls, shared, ctx, go);
  const order = sortTemplates(tpls.map((t) => t.name));
  const byName = new Map(tpls.map((t) => [t.name, t]));
  const set = ctx.engine.newSet();
  for (const n of order) {
    const t = byName.get(n)!;
    try {
      set.parse({ name: n, text: t.file.text() ?? '', file: t.file.path });
    } catch (e) {
      throw toHelmError(e, ctx, t, 'parse');
    }
  }
  const out: RenderedTemplate[] = [];
  const lookupNoted = new Set<Chart>();
  for (const n of order) {
    const t = byName.get(n)!;
    if (baseName(n).startsWith('_')) continue;
    ctx.check();
    const data = { ...t.data, Template: { Name: n, BasePath: t.basePath } };
    try {
      const r = ctx.engine.execute(set, n, data, {
        limits: ctx.limits,
        valueOrigin: (c, k) => ctx.origins.origin(c, k),
        helm: { onLookup: (_a, _k, _ns, _n, site) => noteLookup(t, lookupNoted, ctx, site) },
        cancelled: () => { ctx.check(); return false; },
      });
      out.push({ name: n, file: t.file.path, text: r.text, map: r.map });
    } catch (e) {
      throw toHelmError(e, ctx, t, 'exec');
    }
  }
  return out;
}

/** One note per chart, at the first `lookup` call executed (in Helm's order), where it is written. */
function noteLookup(t: Renderable, seen: Set<Chart>, ctx: ExecuteContext, site?: LookupSite): void {
  if (seen.has(t.chart)) return;
  seen.add(t.chart);
  ctx.notes.push({ file: site?.file ?? t.file.path, ...(site ? { range: site.range } : {}), message: `rendered without cluster state: chart ${chartFullPath(t.chart)} calls lookup, which returns an empty map under helm template` });
}

function collect(c: Chart, vals: GoMap, isRoot: boolean, out: Renderable[], shared: object, ctx: ExecuteContext, go: GoAdapter): GoMap {
  const subcharts: GoMap = {};
  const next: GoMap = {
    Chart: chartObject(c.metadata, isRoot, go),
    Files: makeFiles(c.files, { toYaml: (m) => ctx.engine.toYaml(m), stringList: (xs) => go.typed(xs, '[]string') }),
    ...shared,
    Values: vals,
    Subcharts: subcharts,
  };
  for (const d of c.dependencies) {
    const sv = hasKey(vals, d.metadata.name) && isMap(vals[d.metadata.name]) ? (vals[d.metadata.name] as GoMap) : {};
    subcharts[d.metadata.name] = collect(d, sv, false, out, shared, ctx, go);
  }
  const id = chartFullPath(c);
  for (const f of c.templates) {
    if (isLibrary(c) && !baseName(f.name).startsWith('_')) continue;
    out.push({ name: `${id}/${f.name}`, file: f, chart: c, data: next, basePath: `${id}/templates` });
  }
  return next;
}

/** Deepest paths first; equal depth in reverse byte order (Helm parses and executes in this order). */
export function sortTemplates(names: string[]): string[] {
  const depth = (s: string) => s.split('/').length;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function baseName(p: string): string { return p.slice(p.lastIndexOf('/') + 1); }

function toHelmError(e: unknown, ctx: ExecuteContext, t: Renderable, phase: 'parse' | 'exec'): unknown {
  const te = ctx.engine.asError(e);
  if (!te) return e;
  const file = te.file || t.file.path;
  const text = te.file === t.file.path ? t.file.text() ?? '' : undefined;
  const range = text !== undefined ? new LineIndex(text).range(te.offset, te.offset + te.length) : { start: { line: te.line - 1, character: te.col - 1 }, end: { line: te.line - 1, character: te.col - 1 + te.length } };
  return new HelmError(helmMessage(te, t.name, phase), file, range);
}

/** Helm's wording for a template error (`parse error at (LOC): MSG`, `execution error at (LOC): MSG`). */
export function helmMessage(te: EngineError, name: string, phase: 'parse' | 'exec'): string {
  if (te.kind === 'limit') return te.goMessage;
  const tokens = te.goMessage.split(': ');
  if (phase === 'parse' || te.kind === 'parse') {
    if (tokens.length === 1) return `parse error in (${name}): ${te.goMessage}`;
    return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
  }
  if (tokens.length < 3) return `execution error in (${name}): ${te.goMessage}`;
  const rest = tokens.slice(2).join(': ');
  return `execution error at (${tokens[1]}): ${te.failMessage ?? rest}`;
}

