import * as assert from 'node:assert/strict';
import { parseConfig, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { lintRendered, memoryFs, renderers, renderSource, type HelmOptions } from '../../render';

/**
 * `namespace: {{ .Release.Namespace }}` is the install-time choice (`helm install -n`): without --namespace,
 * `helm template` prints the stand-in `default`, which no file of the chart wrote. A namespace finding about that
 * value is not reported; one about a namespace the chart or its values wrote, or the user chose, is.
 */
describe('render/helm: the release namespace is the installer\'s choice', () => {
  const CM = (name: string, ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns}data:\n  a: b\n`;
  const files = {
    '/c/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
    '/c/values.yaml': 'namespaceOverride: ""\nextra:\n  namespace: default\n',
    '/c/templates/_helpers.tpl': '{{- define "app.namespace" -}}\n{{- default .Release.Namespace .Values.namespaceOverride | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n',
    '/c/templates/a.yaml': CM('a', '  namespace: {{ .Release.Namespace }}\n'),
    '/c/templates/b.yaml': CM('b', '  namespace: {{ include "app.namespace" . | quote }}\n'),
    '/c/templates/c.yaml': CM('c', '  namespace: default\n'),
    '/c/templates/d.yaml': CM('d', ''),
    '/c/templates/e.yaml': CM('e', '  namespace: {{ .Values.extra.namespace }}\n'),
  };
  const helm = renderers.find((r) => r.kind === 'helm')!;
  const run = (opts: HelmOptions, config = '') => {
    const parsed = parseConfig(config, '.kubehex.yaml', rules);
    assert.ok('config' in parsed);
    const set = resolveRules(rules, parsed.config, 'recommended');
    const rs = renderSource(memoryFs(files), '/c', helm, { helm: opts }, set);
    const { findings, errors } = lintRendered(rs, set, rs.objects);
    assert.deepEqual(errors, []);
    return findings.filter((f) => f.ruleId === 'namespace-default')
      .map((f) => [f.file, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.messageId, f.trace.map((t) => t.note)]);
  };

  it('without --namespace: only the namespaces the chart wrote (template text, values.yaml) are reported', () => {
    assert.deepEqual(run({}), [
      ['/c/templates/c.yaml', 4, 2, 4, 20, 'explicit', []],
      ['/c/values.yaml', 2, 2, 2, 20, 'explicit', ['{{ .Values.extra.namespace }}']],
    ]);
  });

  it('with --namespace default, the user chose it: reported on the template lines, the trace naming the flag', () => {
    assert.deepEqual(run({ namespace: 'default' }), [
      ['/c/templates/a.yaml', 4, 2, 4, 13, 'explicit', ['--namespace default']],
      ['/c/templates/b.yaml', 4, 2, 4, 13, 'explicit', ['--namespace default']],
      ['/c/templates/c.yaml', 4, 2, 4, 20, 'explicit', []],
      ['/c/values.yaml', 2, 2, 2, 20, 'explicit', ['{{ .Values.extra.namespace }}']],
    ]);
  });

  it('a template that writes no namespace: nothing by default; with flagMissing, on its metadata', () => {
    assert.deepEqual(run({}, 'rules:\n  namespace-default:\n    options:\n      flagMissing: true\n'), [
      ['/c/templates/c.yaml', 4, 2, 4, 20, 'explicit', []],
      ['/c/templates/d.yaml', 2, 0, 2, 8, 'missing', []],
      ['/c/values.yaml', 2, 2, 2, 20, 'explicit', ['{{ .Values.extra.namespace }}']],
    ]);
  });
});
