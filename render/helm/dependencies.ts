import { HelmError, type Chart, type Dependency } from './chart';
import { Coalescer, pathValue, tableAt } from './coalesce';
import { isCompatibleRange } from './semver';
import { hasKey, isMap, setKey, type GoMap } from './value-origins';

/**
 * Which subcharts take part, as Helm decides before rendering: every chart in charts/ not listed in Chart.yaml is
 * kept; a listed one is matched by name and version range, renamed by its `alias`, then switched by `tags` (any
 * tag true enables, all listed tags false disables) and `condition` (the first path that holds a boolean wins
 * over tags; paths are looked up in the coalesced values, prefixed by the subchart's position). Then
 * `import-values` copies children's values into the parent at lower priority than the parent's own values.
 */
export function checkDependencies(chart: Chart): void {
  const have = new Set(chart.dependencies.map((d) => d.metadata.name));
  const missing = chart.metadata.dependencies.filter((d) => !have.has(d.name)).map((d) => d.name);
  if (missing.length) {
    throw new HelmError(`An error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`, chart.chartYaml.path);
  }
}

export function processDependencies(chart: Chart, user: GoMap, co: Coalescer): void {
  enable(chart, user, '', co);
  importValues(chart, co);
}

function matches(c: Chart, d: Dependency): boolean {
  return c.metadata.name === d.name && (!d.version || isCompatibleRange(d.version, c.metadata.version));
}

function enable(chart: Chart, vals: GoMap, path: string, co: Coalescer): void {
  const reqs = chart.metadata.dependencies;
  if (!reqs.length) return;
  const kept: Chart[] = chart.dependencies.filter((c) => !reqs.some((r) => matches(c, r)));
  for (const r of reqs) {
    const found = chart.dependencies.find((c) => matches(c, r));
    if (found) kept.push(copyTree(found, chart, r.alias || found.metadata.name));
    if (r.alias) r.name = r.alias;
    r.enabled = true;
  }
  chart.dependencies = kept;
  const cvals = co.coalesce(chart, co.clone(vals));
  applyTags(reqs, cvals);
  applyConditions(reqs, cvals, path);
  const off = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  chart.dependencies = chart.dependencies.filter((c) => !off.has(c.metadata.name));
  chart.metadata.dependencies = reqs.filter((r) => !off.has(r.name));
  for (const sub of chart.dependencies) {
    sub.parent = chart;
    enable(sub, cvals, path + sub.metadata.name + '.', co);
  }
}

/** A private copy of a chart subtree (an aliased subchart may appear twice under different names). */
function copyTree(c: Chart, parent: Chart, name: string): Chart {
  const out: Chart = { ...c, parent, metadata: { ...c.metadata, name, dependencies: c.metadata.dependencies.map((d) => ({ ...d })) } };
  out.dependencies = c.dependencies.map((d) => copyTree(d, out, d.metadata.name));
  return out;
}

function applyTags(reqs: Dependency[], cvals: GoMap): void {
  const tags = tableAt(cvals, 'tags');
  if (!tags) return;
  for (const r of reqs) {
    let yes = false;
    let no = false;
    for (const t of r.tags) {
      const v = hasKey(tags, t) ? tags[t] : undefined;
      if (v === true) yes = true;
      else if (v === false) no = true;
    }
    if (!yes && no) r.enabled = false;
    else if (yes) r.enabled = true;
  }
}

function applyConditions(reqs: Dependency[], cvals: GoMap, path: string): void {
  for (const r of reqs) {
    if (!r.condition) continue;
    for (const c of r.condition.split(',')) {
      const p = c.trim();
      if (!p) continue;
      const v = pathValue(cvals, path + p);
      if (v.found && typeof v.value === 'boolean') { r.enabled = v.value; break; }
    }
  }
}

function importValues(chart: Chart, co: Coalescer): void {
  for (const sub of chart.dependencies) importValues(sub, co);
  const reqs = chart.metadata.dependencies;
  if (!reqs.length) return;
  const cvals = co.coalesce(chart, {});
  let imported: GoMap = {};
  for (const r of reqs) {
    const out: unknown[] = [];
    for (const iv of r.importValues) {
      if (isMap(iv)) {
        const child = String(iv.child ?? '');
        const parent = String(iv.parent ?? '');
        out.push({ child, parent });
        const t = tableAt(cvals, `${r.name}.${child}`);
        if (t) imported = co.tables(imported, pathToMap(parent, co.clone(t)));
      } else if (typeof iv === 'string') {
        out.push({ child: `exports.${iv}`, parent: '.' });
        const t = tableAt(cvals, `${r.name}.exports.${iv}`);
        if (t) imported = co.tables(imported, co.clone(t));
      }
    }
    r.importValues = out;
  }
  chart.values = co.tables(cvals, imported);
}

/** `a.b` and a map become `{a: {b: map}}`; `.` is the map itself. */
function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.' || path === '') return data;
  const parts = path.split('.').filter(Boolean);
  const root: GoMap = {};
  let cur = root;
  parts.forEach((p, i) => {
    const next: GoMap = i === parts.length - 1 ? data : {};
    setKey(cur, p, next);
    cur = next;
  });
  return root;
}
