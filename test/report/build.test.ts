import * as assert from 'node:assert/strict';
import { buildReport, matchBaseline, renderMarkdown, MARKDOWN_LIMIT, type ReportFinding, type ReportInput, type ReportRule } from '../../engine';

const RULES: ReportRule[] = [
  { id: 'privileged-container', title: 'Container runs privileged', category: 'container', goals: ['possession', 'integrity', 'confidentiality'], severity: 'error', summary: 's', recipe: 'Set `privileged: false`.', layer: 'system', pss: 'baseline: Privileged Containers' },
  { id: 'run-as-root', title: 'Runs as root', category: 'container', goals: ['possession', 'integrity'], severity: 'warning', summary: 's', recipe: 'Set `runAsNonRoot: true`.', layer: 'system', pss: 'restricted: Running as Non-root' },
  { id: 'resource-limits-missing', title: 'No limits', category: 'code', goals: ['availability'], severity: 'warning', summary: 's', recipe: 'Set limits.', layer: 'orchestrator' },
  { id: 'namespace-default', title: 'Default namespace', category: 'core', goals: ['utility'], severity: 'info', summary: 's', recipe: 'Name a namespace.' },
];

function finding(ruleId: string, severity: ReportFinding['severity'], file: string, kind: string, name: string, line: number, path: Array<string | number>, fixable = false): ReportFinding {
  const rule = RULES.find((r) => r.id === ruleId)!;
  return {
    ruleId, severity, message: `${kind} ${name}: ${ruleId}`, file,
    range: { start: { line, character: 4 }, end: { line, character: 20 } },
    object: { apiVersion: 'apps/v1', kind, name, namespace: null }, path,
    category: rule.category, goals: rule.goals, fixable,
  };
}

const PRIV = ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'];
const ROOT = ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'];

function input(): ReportInput {
  return {
    generatedAt: '2025-01-01T00:00:00.000Z', version: '0.1.0', profile: 'recommended', paths: ['.'],
    files: ['a.yaml', 'b.yaml', 'c.yaml'],
    objects: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a', file: 'a.yaml' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'b', file: 'b.yaml' },
      { apiVersion: 'v1', kind: 'Service', name: 's', file: 'b.yaml' },
      { apiVersion: 'v1', kind: 'Pod', name: 'p', file: 'c.yaml' },
    ],
    findings: [
      finding('privileged-container', 'error', 'a.yaml', 'Deployment', 'a', 10, PRIV, true),
      finding('run-as-root', 'warning', 'a.yaml', 'Deployment', 'a', 8, ROOT),
      finding('privileged-container', 'error', 'b.yaml', 'Deployment', 'b', 12, PRIV, true),
      finding('resource-limits-missing', 'warning', 'b.yaml', 'Deployment', 'b', 9, ['spec', 'template', 'spec', 'containers', 0]),
      finding('namespace-default', 'info', 'b.yaml', 'Service', 's', 3, ['metadata']),
    ],
    pssFindings: [
      finding('privileged-container', 'error', 'a.yaml', 'Deployment', 'a', 10, PRIV),
      finding('run-as-root', 'warning', 'a.yaml', 'Deployment', 'a', 8, ROOT),
      finding('privileged-container', 'error', 'b.yaml', 'Deployment', 'b', 12, PRIV),
      finding('run-as-root', 'warning', 'c.yaml', 'Pod', 'p', 4, ['spec', 'securityContext']),
    ],
    errors: [],
    rules: RULES,
    activeRules: RULES.map((r) => r.id),
  };
}

describe('report: scoring and grouping', () => {
  const d = buildReport(input());

  it('scores: each object loses at most one point per view (error 1, warning 0.25, info 0.05)', () => {
    // lost: a min(1, 1.25) + b min(1, 1.25) + s 0.05 = 2.05 of 4 objects
    assert.deepEqual(d.overall, { score: 49, grade: 'F', objects: 4, findings: 5, counts: { error: 2, warning: 2, info: 1 } });
    assert.equal(d.categories.container.score, 50); // a 1, b 1
    assert.equal(d.categories.code.score, 94); // b 0.25 → 93.75
    assert.equal(d.categories.core.score, 99); // s 0.05 → 98.75
    assert.equal(d.categories.chain.score, 100);
    assert.equal(d.categories.container.checked, 2);
    assert.equal(d.goals.availability.score, 94);
    assert.equal(d.goals.confidentiality.score, 50);
    assert.equal(d.goals.authenticity.score, 100);
    assert.deepEqual(d.totals, { files: 3, objects: 4, workloads: 3, findings: 5, counts: { error: 2, warning: 2, info: 1 }, quickFixes: 2, fileErrors: 0 });
  });

  it('heat map: a pair no active rule covers is null (not checked), not 100', () => {
    assert.deepEqual(d.heatmap.container.possession, { score: 50, findings: 3 });
    assert.deepEqual(d.heatmap.code.availability, { score: 94, findings: 1 });
    assert.deepEqual(d.heatmap.container.utility, { score: null, findings: 0 });
    assert.deepEqual(d.heatmap.chain.integrity, { score: null, findings: 0 });
  });

  it('ranks recipes by worst severity, then risk (severity × objects), errors, findings, rule id', () => {
    assert.deepEqual(d.recipes.map((r) => [r.rank, r.rules.join(','), r.risk, r.objects, r.quickFixes, r.errorShare]), [
      [1, 'privileged-container', 2, 2, 2, 100],
      [2, 'resource-limits-missing', 0.25, 1, 0, 0],
      [3, 'run-as-root', 0.25, 1, 0, 0],
      [4, 'namespace-default', 0.05, 1, 0, 0],
    ]);
    assert.equal(d.recipes[0].link, '#rule-privileged-container');
    assert.deepEqual(d.topFix, { recipes: 4, errors: 2, totalErrors: 2, percent: 100 });
  });

  it('an error recipe comes before a warning recipe with more risk, so "fix these 5" clears errors', () => {
    const i = input();
    for (const name of ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9']) {
      i.objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', name, file: 'w.yaml' });
      i.findings.push(finding('resource-limits-missing', 'warning', 'w.yaml', 'Deployment', name, 1, ['spec']));
    }
    const d = buildReport(i);
    assert.deepEqual(d.recipes.slice(0, 2).map((r) => [r.rules[0], r.risk]), [['privileged-container', 2], ['resource-limits-missing', 2.5]]);
    assert.equal(d.topFix.percent, 100);
  });

  it('rules that share one recipe text share one row', () => {
    const i = input();
    i.rules = i.rules.map((r) => (r.id === 'run-as-root' ? { ...r, recipe: 'Set `privileged: false`.' } : r));
    const r = buildReport(i).recipes[0];
    assert.deepEqual(r.rules, ['privileged-container', 'run-as-root']);
    assert.equal(r.findings, 3);
    assert.equal(r.risk, 2);
  });

  it('admission policies sharing the generic policy recipe get a row per policy, not one row for all', () => {
    const i = input();
    const generic = 'Change the object so that the policy admits it, or ask the policy owner for an exception.';
    const policyRule = (id: string): ReportRule => ({ id, title: id, category: 'core', goals: ['integrity'], severity: 'error', summary: 's', recipe: generic });
    i.rules = [...i.rules, policyRule('kyverno:require-labels/check-team'), policyRule('kyverno:require-labels/check-owner'), policyRule('kyverno:disallow-latest/tag'), policyRule('vap:max-replicas')];
    const pf = (ruleId: string, name: string): ReportFinding => ({ ...finding('privileged-container', 'error', 'a.yaml', 'Deployment', name, 1, ['metadata']), ruleId, category: 'core', goals: ['integrity'] });
    i.findings = [pf('kyverno:require-labels/check-team', 'a'), pf('kyverno:require-labels/check-owner', 'a'), pf('kyverno:require-labels/check-team', 'b'), pf('kyverno:disallow-latest/tag', 'a'), pf('vap:max-replicas', 'b')];
    i.activeRules = i.rules.map((r) => r.id);
    assert.deepEqual(buildReport(i).recipes.map((r) => [r.rules, r.findings, r.objects, r.recipe === generic]), [
      [['kyverno:require-labels/check-owner', 'kyverno:require-labels/check-team'], 3, 2, true],
      [['kyverno:disallow-latest/tag'], 1, 1, true],
      [['vap:max-replicas'], 1, 1, true],
    ]);
  });

  it('workloads: counts, worst finding, highest PSS level met judged by the PSS rules', () => {
    assert.deepEqual(d.workloads.map((w) => [w.kind, w.name, w.counts.error, w.counts.warning, w.pss, w.worst?.ruleId ?? null]), [
      ['Deployment', 'a', 1, 1, 'privileged', 'privileged-container'],
      ['Deployment', 'b', 1, 1, 'privileged', 'privileged-container'],
      ['Pod', 'p', 0, 0, 'baseline', null],
    ]);
    assert.deepEqual(d.workloads[0].pssFailing, ['baseline: Privileged Containers', 'restricted: Running as Non-root']);
    assert.deepEqual(d.pss, { privileged: 2, baseline: 1, restricted: 0 });
  });

  it('per file, per layer', () => {
    assert.deepEqual(d.files.map((f) => [f.name, f.score, f.objects]), [['a.yaml', 0, 1], ['b.yaml', 48, 2], ['c.yaml', 100, 1]]);
    assert.deepEqual(d.layers.map((l) => [l.name, l.score, l.findings]), [['system', 50, 3], ['orchestrator', 94, 1], ['unclassified', 99, 1]]);
    assert.deepEqual(d.phases, []);
    assert.deepEqual(d.rendered, []);
  });

  it('groups findings of rendered sources under their chart or overlay', () => {
    const i = input();
    i.findings[2].rendered = { source: 'charts/web' };
    i.findings[3].rendered = { source: 'charts/web' };
    assert.deepEqual(buildReport(i).rendered.map((r) => [r.name, r.objects, r.findings, r.score]), [['charts/web', 1, 2, 0]]);
  });

  it('a rendered object whose findings sit on the template and on values.yaml is one object and one workload', () => {
    const i = input();
    i.objects = i.objects.filter((o) => o.name !== 'b');
    i.findings[2] = { ...i.findings[2], file: 'charts/web/values.yaml', rendered: { source: 'charts/web' } };
    i.findings[3] = { ...i.findings[3], file: 'charts/web/templates/b.yaml', rendered: { source: 'charts/web' } };
    i.pssFindings[2] = { ...i.pssFindings[2], file: 'charts/web/values.yaml', rendered: { source: 'charts/web' } };
    const r = buildReport(i);
    assert.deepEqual(r.workloads.map((w) => [w.kind, w.name, w.file, w.counts, w.pss]), [
      ['Deployment', 'a', 'a.yaml', { error: 1, warning: 1, info: 0 }, 'privileged'],
      ['Deployment', 'b', 'charts/web/values.yaml', { error: 1, warning: 1, info: 0 }, 'privileged'],
      ['Pod', 'p', 'c.yaml', { error: 0, warning: 0, info: 0 }, 'baseline'],
    ]);
    assert.deepEqual(r.rendered.map((g) => [g.name, g.objects, g.findings, g.score]), [['charts/web', 1, 2, 0]]);
    // same posture as when b was written in one file: a 1 + b 1 + s 0.05 lost of 4 objects
    assert.deepEqual([r.totals.objects, r.overall.score], [4, 49]);
    assert.deepEqual(r.files.map((f) => [f.name, f.objects, f.findings]), [['a.yaml', 1, 2], ['charts/web/values.yaml', 1, 1], ['charts/web/templates/b.yaml', 1, 1], ['b.yaml', 1, 1], ['c.yaml', 1, 0]]);
  });

  it('documents the formula in the data', () => {
    assert.deepEqual(d.scoring.weights, { error: 1, warning: 0.25, info: 0.05 });
    assert.ok(d.scoring.formula.some((l) => l.includes('score = round(100 × (1 − Σ over objects of min(1, Σ weights')));
  });
});

describe('report: baseline', () => {
  it('matches on rule, object and path: moved lines and another file are not new; new and fixed are counted', () => {
    const cur = input().findings;
    const baseline = [
      { ...cur[0], range: { start: { line: 40, character: 0 }, end: { line: 40, character: 5 } } }, // moved
      { ...cur[1], file: 'renamed.yaml' }, // the object moved to another file
      { ...cur[0], object: { kind: 'Deployment', name: 'old', namespace: null } }, // gone: fixed
    ];
    const i = input();
    i.baseline = { file: 'base.json', findings: baseline };
    const b = buildReport(i).baseline!;
    assert.deepEqual(b.counts, { new: { error: 1, warning: 1, info: 1 }, fixed: { error: 1, warning: 0, info: 0 }, unchanged: { error: 1, warning: 1, info: 0 } });
    assert.deepEqual(b.newFindings.map((f) => `${f.ruleId}/${f.object.name}`), ['privileged-container/b', 'resource-limits-missing/b', 'namespace-default/s']);
    assert.deepEqual(b.fixedFindings.map((f) => f.object.name), ['old']);
    assert.deepEqual(b.byCategory.container, { new: { error: 1, warning: 0, info: 0 }, fixed: { error: 1, warning: 0, info: 0 }, unchanged: 2 });
    assert.equal(b.riskDelta, 0.3);
    assert.equal(b.verdict, 'worse');
    assert.equal(b.summary, '1 new error, 1 new warning, 1 new info; 1 fixed error; 2 unchanged — worse');
  });

  it('a different path is a different finding; a baseline without path matches on the message', () => {
    const [f] = input().findings;
    assert.equal(matchBaseline([f], [{ ...f, path: [...PRIV.slice(0, 4), 1, 'securityContext', 'privileged'] }]).fresh.length, 1);
    const { path: _drop, ...noPath } = f;
    assert.equal(matchBaseline([f], [noPath]).fresh.length, 0);
    assert.equal(matchBaseline([f], [{ ...noPath, message: 'other' }]).fresh.length, 1);
  });

  it('each baseline entry matches one finding only (two identical findings, one in the baseline: one is new)', () => {
    const [f] = input().findings;
    const g = { ...f, file: 'other.yaml' };
    const m = matchBaseline([f, g], [f]);
    assert.deepEqual(m.fresh.map((x) => x.file), ['other.yaml']);
    assert.equal(m.gone.length, 0);
  });
});

describe('report: Markdown', () => {
  it('stays under the comment limit by shortening its tables', () => {
    const i = input();
    for (let k = 0; k < 3000; k++) {
      const name = `workload-with-a-rather-long-name-${k}`;
      i.objects.push({ apiVersion: 'apps/v1', kind: 'Deployment', name, file: `deploy/some/deep/folder/${k}.yaml` });
      i.findings.push(finding('privileged-container', 'error', `deploy/some/deep/folder/${k}.yaml`, 'Deployment', name, 3, PRIV));
    }
    for (let k = 0; k < 300; k++) {
      const id = `rule-${k}`;
      i.rules.push({ id, title: `Rule ${k}`, category: 'cluster', goals: ['integrity'], severity: 'warning', summary: 's', recipe: `Recipe ${k} `.repeat(20) });
      i.findings.push({ ...finding('run-as-root', 'warning', 'a.yaml', 'Deployment', 'a', 1, []), ruleId: id });
    }
    const md = renderMarkdown(buildReport(i));
    assert.ok(md.length <= MARKDOWN_LIMIT, `${md.length}`);
    assert.match(md, /more workloads/);
    assert.match(md, /\| 1 \| Set `privileged: false`\. \| `privileged-container` \| error \| 3002 \|/);
  });
});
