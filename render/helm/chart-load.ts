import { joinPath, type ReadOnlyFs } from '../fs';
import { HelmError, type Chart, type ChartFile } from './chart';
import { parseChartYaml, parseRequirements } from './chart-yaml';
import { parseHelmIgnore } from './helmignore';
import { gunzip, untar, ArchiveError } from './tar';
import { parseValuesYaml, YamlValuesError } from './values-yaml';
import type { ValueOrigins } from './value-origins';

/**
 * Helm's chart loader, over a ReadOnlyFs: a chart directory is walked with its `.helmignore` (the root's rules
 * apply to the whole tree, subchart directories included, as in Helm), a `.tgz` is unpacked in memory (its first
 * path component dropped). Files are classified as Helm does: Chart.yaml, values.yaml, values.schema.json,
 * templates/, charts/ (subcharts: directories and .tgz; names starting with `_` or `.` skipped), the rest are
 * `.Files`. Nothing outside the chart root is read.
 */
const MAX_FILES = 20_000;
const MAX_DEPTH = 32;
const MAX_DIRS = 5_000;

interface RawFile { name: string; path: string; read: () => Uint8Array | undefined }

export interface LoadContext { fs: ReadOnlyFs; origins: ValueOrigins; read: Set<string> }

export function loadChart(ctx: LoadContext, path: string): Chart {
  if (ctx.fs.stat(path) === 'dir') return loadDir(ctx, path);
  return loadArchive(ctx, path, ctx.fs.readBytes(path), path);
}

function loadDir(ctx: LoadContext, dir: string): Chart {
  const ignoreText = ctx.fs.readText(joinPath(dir, '.helmignore')) ?? '';
  const ignore = parseHelmIgnore(ignoreText);
  const files: RawFile[] = [];
  let dirs = 0;
  const walk = (abs: string, rel: string, depth: number) => {
    // symlinked folders are followed (as Helm does): a link to an ancestor must end in an error, not a hang
    if (depth > MAX_DEPTH) throw new HelmError(`chart folders nest deeper than ${MAX_DEPTH} levels (${rel.split('/').slice(0, 4).join('/')}/...): a symlink loop?`, joinPath(dir, 'Chart.yaml'));
    if (++dirs > MAX_DIRS) throw new HelmError(`chart has more than ${MAX_DIRS} folders: a symlink loop?`, joinPath(dir, 'Chart.yaml'));
    for (const e of ctx.fs.list(abs)) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = joinPath(abs, e.name);
      const kind = ctx.fs.stat(p);
      if (kind === 'dir') {
        if (!ignore.ignores(r, true)) walk(p, r, depth + 1);
      } else if (kind === 'file' && !ignore.ignores(r, false)) {
        if (files.length >= MAX_FILES) throw new HelmError(`chart has more than ${MAX_FILES} files`, dir);
        files.push({ name: r, path: p, read: () => ctx.fs.readBytes(p) });
      }
    }
  };
  walk(dir, '', 0);
  return buildChart(ctx, files, dir, undefined);
}

function loadArchive(ctx: LoadContext, archive: string, bytes: Uint8Array | undefined, where: string): Chart {
  if (!bytes) throw new HelmError(`cannot read ${where}`, archive);
  ctx.read.add(archive);
  let entries;
  try {
    entries = untar(gunzip(bytes));
  } catch (e) {
    throw new HelmError(e instanceof ArchiveError ? e.message : String(e), archive);
  }
  const files: RawFile[] = [];
  let top = '';
  for (const en of entries) {
    const parts = en.name.replace(/^\.\//, '').split('/');
    if (parts.length < 2 || en.name === 'pax_global_header') continue;
    if (parts.includes('..')) throw new HelmError('chart illegally references parent directory', archive);
    top ||= parts[0];
    const name = parts.slice(1).join('/');
    if (!name) continue;
    if (name === 'Chart.yaml' && parts.length > 2) throw new HelmError('chart yaml not in base directory', archive);
    const data = en.data;
    files.push({ name, path: `${archive}/${parts.join('/')}`, read: () => data });
  }
  if (files.length > MAX_FILES) throw new HelmError(`chart has more than ${MAX_FILES} files`, archive);
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return buildChart(ctx, files, `${archive}/${top}`, archive);
}

const BOM = [0xef, 0xbb, 0xbf];

function chartFile(ctx: LoadContext, f: RawFile, name = f.name): ChartFile {
  let cache: Uint8Array | undefined | null = null;
  const bytes = () => {
    if (cache === null) {
      const b = f.read();
      ctx.read.add(f.path);
      // a file the walk listed but the file system will not hand over (too large, not UTF-8...): never read it as empty
      if (!b) throw new HelmError(`cannot read ${name}: ${ctx.fs.whyUnreadable?.(f.path) ?? 'not a readable regular file'}`, f.path);
      cache = b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2] ? b.subarray(3) : b;
    }
    return cache;
  };
  return { name, path: f.path, bytes, text: () => { const b = bytes(); return b && new TextDecoder('utf-8').decode(b); } };
}

function buildChart(ctx: LoadContext, raw: RawFile[], dir: string, archive: string | undefined): Chart {
  const byName = new Map(raw.map((f) => [f.name, f]));
  const cy = byName.get('Chart.yaml');
  if (!cy) throw new HelmError('Chart.yaml file is missing', joinPath(dir, 'Chart.yaml'));
  const chartYaml = chartFile(ctx, cy);
  const metadata = parseChartYaml(chartYaml.text() ?? '', chartYaml.path);
  const req = byName.get('requirements.yaml');
  if (metadata.apiVersion === 'v1' && req) metadata.dependencies = parseRequirements(chartFile(ctx, req).text() ?? '');
  const chart: Chart = { metadata, dir, archive, chartYaml, values: {}, templates: [], files: [], dependencies: [] };
  const sub = new Map<string, RawFile[]>();
  for (const f of raw) {
    const n = f.name;
    if (n === 'Chart.yaml' || n === 'Chart.lock' || n === 'requirements.lock') continue;
    if (n === 'values.yaml') chart.valuesFile = chartFile(ctx, f);
    else if (n === 'values.schema.json') chart.schemaFile = chartFile(ctx, f);
    else if (n === 'requirements.yaml') chart.files.push(chartFile(ctx, f));
    else if (n.startsWith('templates/')) chart.templates.push(chartFile(ctx, f));
    else if (n.startsWith('charts/')) {
      const rest = n.slice('charts/'.length);
      if (rest.endsWith('.prov')) { chart.files.push(chartFile(ctx, f)); continue; }
      const head = rest.split('/')[0];
      if (!sub.has(head)) sub.set(head, []);
      sub.get(head)!.push({ ...f, name: rest });
    } else chart.files.push(chartFile(ctx, f));
  }
  if (chart.valuesFile) {
    try {
      chart.values = parseValuesYaml(chart.valuesFile.text() ?? '', chart.valuesFile.path, ctx.origins).values;
    } catch (e) {
      if (e instanceof YamlValuesError) throw new HelmError(`cannot load values.yaml: ${e.message}`, chart.valuesFile.path);
      throw e;
    }
  }
  for (const [head, files] of [...sub.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (head.startsWith('_') || head.startsWith('.')) continue;
    let child: Chart;
    if (head.endsWith('.tgz')) {
      const f = files.find((x) => x.name === head);
      if (!f) continue;
      child = loadArchive(ctx, f.path, f.read(), f.path);
    } else {
      const inner = files.filter((x) => x.name.includes('/')).map((x) => ({ ...x, name: x.name.slice(head.length + 1) }));
      if (!inner.length) continue;
      try {
        child = buildChart(ctx, inner, joinPath(dir, 'charts', head), archive);
      } catch (e) {
        if (e instanceof HelmError) throw new HelmError(`error unpacking ${head} in ${metadata.name}: ${e.message}`, e.file, e.range);
        throw e;
      }
    }
    child.parent = chart;
    chart.dependencies.push(child);
  }
  return chart;
}
