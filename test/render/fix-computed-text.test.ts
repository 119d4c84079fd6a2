import * as assert from 'node:assert/strict';
import { applyEdits, lintText, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { memoryFs, renderers, SourceIndex, translateFix } from '../../render';

/**
 * A fix that copies a rendered value the template computes (`{{ .Release.Name }}-web` renders `release-name-web`)
 * must not write it into the template as a literal: every other release would carry the frozen name. The same fix
 * on a name written literally in the template is offered and moved to the template.
 */
describe('render: a fix never writes text the render computed into a source', () => {
  const helm = renderers.find((r) => r.kind === 'helm')!;
  const set = resolveRules(rules.filter((r) => r.meta.id === 'instance-label-mismatch'), undefined, 'all');
  const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n`;
  const fixFor = (name: string) => {
    const fs = memoryFs({ '/c/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n', '/c/templates/pod.yaml': POD(name) });
    const result = helm.render(fs, '/c', {});
    assert.deepEqual(result.errors, []);
    const { parsed, findings } = lintText(result.text, set);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.messageId, f.fix?.title]), [['instance-label-mismatch', 'missing', `Add label app.kubernetes.io/instance: ${name === 'web' ? 'web' : 'release-name-web'}`]]);
    const fix = translateFix({ result, rendered: parsed, finding: findings[0], fs, src: new SourceIndex(fs), rerender: (f2) => helm.render(f2, '/c', {}), set, display: (f) => f.slice('/c/'.length) });
    return { fix, text: fs.readText('/c/templates/pod.yaml')! };
  };

  it('the name comes from {{ .Release.Name }}: no fix', () => {
    assert.equal(fixFor('"{{ .Release.Name }}-web"').fix, undefined);
  });

  it('the name is written in the template: the label is added there', () => {
    const { fix, text } = fixFor('web');
    assert.ok(fix);
    assert.deepEqual(fix.files.map((f) => f.file), ['/c/templates/pod.yaml']);
    assert.equal(applyEdits(text, fix.files[0].edits), POD('web').replace('  name: web\n', '  name: web\n  labels:\n    app.kubernetes.io/instance: web\n'));
  });
});
