import { parseManifest, rangeForPath } from '../../engine';
import { SourceMap, SourceMapBuilder, type ReadOnlyFs, type RenderResult } from '../../render';

/**
 * A toy renderer over the real source map: `{{ .a.b }}` inserts the scalar at that values path, `{{ map .a.b N }}`
 * inserts the values map at that path as block YAML indented by N. Enough to drive map-back and fix-back
 * without Helm.
 */
export function toyRender(fs: ReadOnlyFs, root = '/chart', valuesFile = `${root}/values.yaml`): RenderResult {
  const vtext = fs.readText(valuesFile) ?? '';
  const vparsed = parseManifest(vtext);
  const vdoc = vparsed.docs[0].doc!;
  const values = vdoc.toJS() as Record<string, unknown>;
  const b = new SourceMapBuilder();
  const templates = fs.list(`${root}/templates`).map((e) => `${root}/templates/${e.name}`);
  for (const file of templates) {
    const t = fs.readText(file)!;
    if (b.length) b.emit('---\n');
    const re = /\{\{ (map )?\.([\w.]+)(?: (\d+))? \}\}/g;
    let last = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      b.literal(t.slice(last, m.index), file, last);
      const path = m[2].split('.');
      const v = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], values);
      const [s, e] = rangeForPath(vdoc, path);
      const origin = { kind: 'node' as const, file: valuesFile, doc: 0, path, range: vparsed.lines.range(s, e) };
      const trace = [{ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, note: 'template action' }];
      if (m[1]) {
        const ind = ' '.repeat(Number(m[3]));
        const body = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${ind}${k}: ${x}`).join('\n');
        b.emit(`\n${body}`, origin, trace);
      } else b.emit(String(v), origin, trace);
      last = m.index + m[0].length;
    }
    b.literal(t.slice(last), file, last);
  }
  const { text, map } = b.build();
  return { kind: 'helm', root, text, map, inputs: [valuesFile, ...templates].map((file) => ({ file, reason: 'template-source' as const })), errors: [], notes: [] };
}

export const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
spec:
  containers:
    - name: app
      image: nginx:1.27.0
      securityContext:
        privileged: {{ .sec.privileged }}
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        runAsNonRoot: true
        capabilities:
          drop: [ALL]
      resources:{{ map .resources 8 }}
`;

export const VALUES = `# chart values
sec:
  privileged: true   # set by the platform team
resources:
  requests: 1
`;


/** The toy as a Renderer: a chart root has values.yaml; `{{ lookup }}` in a template adds a note, `{{ fail }}` an error. */
export const toyRenderer = {
  kind: 'helm' as const,
  isRoot: (fs: ReadOnlyFs, dir: string) => fs.stat(`${dir}/values.yaml`) === 'file',
  render(fs: ReadOnlyFs, root: string): RenderResult {
    const templates = fs.list(`${root}/templates`).map((e) => `${root}/templates/${e.name}`);
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const failing = templates.find((f) => fs.readText(f)!.includes('{{ fail }}'));
    if (failing) return { kind: 'helm', root, text: '', map: new SourceMap([]), inputs: [], errors: [{ file: failing, range: zero, message: 'execution error: failed on purpose' }], notes: [] };
    const clean = new Map<string, string>();
    const notes = [];
    for (const f of templates) {
      const t = fs.readText(f)!;
      if (t.includes('{{ lookup }}')) notes.push({ file: f, range: zero, message: 'rendered without cluster state (lookup returns an empty map)' });
      clean.set(f, t.replace('{{ lookup }}', '          '));
    }
    const view: ReadOnlyFs = { ...fs, readText: (p) => clean.get(p) ?? fs.readText(p) };
    return { ...toyRender(view, root), notes };
  },
};

