import * as assert from 'node:assert/strict';
import { keepHelmRenders, memoryFs, renderers } from '../../render';

/**
 * Parsed templates and values files are kept across renders while their text is unchanged (the language server
 * renders a chart again on every keystroke): a changed text must be parsed again, never answered from the cache.
 */
for (const keeping of [true, false]) describe(`render/helm: parses kept across renders follow the text (${keeping ? 'kept, as the language server does' : 'not kept'})`, () => {
  const helm = renderers.find((r) => r.kind === 'helm')!;
  before(() => keepHelmRenders(keeping ? 1 << 20 : 0));
  after(() => keepHelmRenders(0));
  const base = {
    '/k/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    '/k/values.yaml': 'name: one\n',
    '/k/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
  };
  const render = (over: Record<string, string>) => helm.render(memoryFs({ ...base, ...over }), '/k', {});

  it('a template edited between renders renders its new text', () => {
    assert.equal(render({}).text, '---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n');
    const r = render({ '/k/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name | upper }}\n' });
    assert.equal(r.text, '---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ONE\n');
    assert.equal(render({}).text, '---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n');
  });

  it('a template that stops parsing fails, and parses again once fixed', () => {
    const broken = render({ '/k/templates/cm.yaml': 'name: {{ .Values.name \n' });
    assert.equal(broken.text, '');
    assert.deepEqual(broken.errors.map((e) => e.message), ['parse error at (app/templates/cm.yaml:2): unclosed action started at app/templates/cm.yaml:1']);
    assert.deepEqual(render({}).errors, []);
  });

  it('values files: edited text, merge keys, a second document and a YAML error each read as Helm reads them', () => {
    assert.match(render({ '/k/values.yaml': 'name: two\n' }).text, /\n {2}name: two\n$/);
    assert.match(render({ '/k/values.yaml': 'base: &b\n  name: merged\n<<: *b\n' }).text, /\n {2}name: merged\n$/);
    // Go's yaml.Unmarshal (Helm's values reader) reads the first document and never looks at the others
    const two = render({ '/k/values.yaml': 'name: a\n---\nname: b\n' });
    assert.deepEqual(two.errors, []);
    assert.match(two.text, /\n {2}name: a\n$/);
    const brokenLater = render({ '/k/values.yaml': 'name: c\n---\nname: [\n' });
    assert.deepEqual(brokenLater.errors, []);
    assert.match(brokenLater.text, /\n {2}name: c\n$/);
    const bad = render({ '/k/values.yaml': 'name: [\n' });
    assert.deepEqual(bad.errors.map((e) => e.message), ['cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected \',\' or \']\'']);
    assert.match(render({ '/k/values.yaml': 'name: three\n' }).text, /\n {2}name: three\n$/);
  });
});
