import * as assert from 'node:assert/strict';
import { resolveRules } from '../../engine';
import { rules } from '../../rules';
import { lintRendered, memoryFs, renderSource, RENDER_INCOMPLETE } from '../../render';
import { POD, VALUES, toyRenderer } from './toy-renderer';

describe('render: pipeline (render, lint, map back)', () => {
  const set = resolveRules(rules, undefined, 'recommended');
  const run = (files: Record<string, string>) => {
    const rs = renderSource(memoryFs(files), '/chart', toyRenderer, {}, set);
    return { rs, ...lintRendered(rs, set, rs.objects) };
  };

  it('reports a values-supplied finding once, on values.yaml, even when three objects read it', () => {
    const { findings } = run({ '/chart/values.yaml': VALUES, '/chart/templates/a.yaml': POD('a'), '/chart/templates/b.yaml': POD('b'), '/chart/templates/c.yaml': POD('c') });
    const priv = findings.filter((f) => f.ruleId === 'privileged-container');
    assert.equal(priv.length, 1);
    assert.equal(priv[0].file, '/chart/values.yaml');
    assert.deepEqual(priv[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
    assert.deepEqual(priv[0].rendered, { source: '/chart' });
    assert.deepEqual(priv[0].trace.map((t) => [t.file, t.note]), [['/chart/templates/a.yaml', 'template action'], ['/chart/templates/b.yaml', 'also Pod b: template action'], ['/chart/templates/c.yaml', 'also Pod c: template action']]);
  });

  it('honours a suppression comment above the values key that supplied the value', () => {
    const values = VALUES.replace('  privileged: true', '  # kubehex-disable-next-line privileged-container -- platform agent\n  privileged: true');
    const { findings } = run({ '/chart/values.yaml': values, '/chart/templates/a.yaml': POD('a') });
    assert.equal(findings.filter((f) => f.ruleId === 'privileged-container').length, 0);
    assert.ok(findings.length > 0, 'other findings stay');
  });

  it('turns what was not evaluated into an info finding, never a silent pass', () => {
    const { findings } = run({ '/chart/values.yaml': VALUES, '/chart/templates/a.yaml': POD('a').replace('metadata:\n', 'metadata:\n{{ lookup }}\n') });
    const note = findings.filter((f) => f.ruleId === RENDER_INCOMPLETE);
    assert.equal(note.length, 1);
    assert.equal(note[0].severity, 'info');
    assert.equal(note[0].file, '/chart/templates/a.yaml');
  });

  it('gives a failing render its error and no findings', () => {
    const { findings, errors } = run({ '/chart/values.yaml': VALUES, '/chart/templates/a.yaml': POD('a'), '/chart/templates/z.yaml': '{{ fail }}\n' });
    assert.equal(findings.length, 0);
    assert.deepEqual(errors.map((e) => [e.file, e.message]), [['/chart/templates/z.yaml', 'execution error: failed on purpose']]);
  });
});
