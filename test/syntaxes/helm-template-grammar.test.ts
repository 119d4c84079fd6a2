// Checks the Helm template grammars (syntaxes/helm-template.tmLanguage.json, injected into YAML, and
// syntaxes/helm-tpl.tmLanguage.json for _helpers.tpl) by running their regexes the way a TextMate tokenizer does:
// at each position the earliest match among the context's patterns and its end wins (the end first on a tie,
// then the first listed pattern), begin/end rules span lines, and text outside any rule is left to YAML.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const load = (name: string) => JSON.parse(readFileSync(join(root, 'syntaxes', name), 'utf8'));

type Caps = Record<string, { name: string }>;
interface Rule { name?: string; match?: string; begin?: string; end?: string; captures?: Caps; beginCaptures?: Caps; endCaptures?: Caps; patterns?: Array<Rule & { include?: string }> }
interface Grammar { scopeName: string; injectionSelector?: string; patterns: Array<{ include: string }>; repository?: Record<string, Rule> }

const injection: Grammar = load('helm-template.tmLanguage.json');
const tpl: Grammar = load('helm-tpl.tmLanguage.json');
const grammars = new Map([[injection.scopeName, injection], [tpl.scopeName, tpl]]);

function resolve(include: string, from: Grammar): Rule {
  const [scope, name] = include.startsWith('#') ? [from.scopeName, include.slice(1)] : include.split('#');
  const g = grammars.get(scope);
  const r = g?.repository?.[name];
  if (!r) throw new Error(`unresolved include ${include}`);
  return r;
}

/** Every rule of the grammars, with the grammar it belongs to (includes resolve against it). */
const owner = new Map<Rule, Grammar>();
for (const g of grammars.values()) for (const r of Object.values(g.repository ?? {})) owner.set(r, g);

interface Token { text: string; scope: string }

/** Tokens (innermost scope per piece; '' = left to YAML) of `text`, line by line, starting in `grammar`'s top level. */
function tokenize(text: string, grammar: Grammar): Token[] {
  const out: Token[] = [];
  const stack: Rule[] = [];
  // adjacent pieces of one scope are one token (a rule's begin, body and end without captures)
  const emit = (t: string, scope: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.scope === scope && !newLine) last.text += t;
    else out.push({ text: t, scope });
    newLine = false;
  };
  let newLine = false;
  const caps = (m: RegExpExecArray, c: Caps | undefined, whole: string) => {
    const parts: Array<[number, number, string]> = [];
    for (const [g, cap] of Object.entries(c ?? {})) { const idx = m.indices![Number(g)]; if (idx && idx[1] > idx[0]) parts.push([idx[0], idx[1], cap.name]); }
    parts.sort((a, b) => a[0] - b[0]);
    let at = m.index;
    for (const [s, e, name] of parts) { emit(m.input.slice(at, s), whole); emit(m.input.slice(s, e), name); at = e; }
    emit(m.input.slice(at, m.index + m[0].length), whole);
  };
  for (const line of text.split('\n')) {
    let pos = 0;
    newLine = true;
    for (;;) {
      const top = stack[stack.length - 1];
      const from = top ? owner.get(top)! : grammar;
      const pats = (top ? top.patterns ?? [] : grammar.patterns).map((p: Rule & { include?: string }) => (p.include ? resolve(p.include, from) : p));
      let best: { rule?: Rule; end?: boolean; m: RegExpExecArray } | undefined;
      const consider = (src: string, rule: Rule | undefined, end: boolean) => {
        const re = new RegExp(src, 'dg');
        re.lastIndex = pos;
        const m = re.exec(line);
        if (m && (!best || m.index < best.m.index)) best = { rule, end, m };
      };
      if (top) consider(top.end!, top, true);
      for (const r of pats) consider(r.match ?? r.begin!, r, false);
      const scope = top?.name ?? '';
      if (!best) { emit(line.slice(pos), scope); break; }
      const { m } = best;
      emit(line.slice(pos, m.index), scope);
      if (best.end) { caps(m, top!.endCaptures, scope); stack.pop(); }
      else if (best.rule!.match) caps(m, best.rule!.captures, best.rule!.name ?? scope);
      else { caps(m, best.rule!.beginCaptures, best.rule!.name ?? scope); stack.push(best.rule!); }
      pos = m.index + m[0].length;
      if (m[0].length === 0) { emit(line.slice(pos), scope); break; }
    }
  }
  return out;
}

const pick = (tokens: Token[], scope: string) => tokens.filter((t) => t.scope === scope).map((t) => t.text);
const yamlText = (tokens: Token[]) => tokens.filter((t) => t.scope === '').map((t) => t.text).join('');

describe('syntaxes/helm-template.tmLanguage.json (Go template actions in chart templates)', () => {
  it('is contributed: injected into YAML, and the grammar of the helm-tpl language for .tpl files in templates/', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const inj = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === injection.scopeName);
    assert.equal(inj.path, './syntaxes/helm-template.tmLanguage.json');
    assert.deepEqual(inj.injectTo, ['source.yaml']);
    assert.equal(injection.injectionSelector, 'L:source.yaml');
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'helm-tpl');
    assert.deepEqual(lang.filenamePatterns, ['**/templates/**/*.tpl']);
    const g = pkg.contributes.grammars.find((x: { language?: string }) => x.language === 'helm-tpl');
    assert.equal(g.scopeName, 'source.helm-tpl');
    assert.equal(g.path, './syntaxes/helm-tpl.tmLanguage.json');
    // the extension starts for charts, and the client hands .tpl documents to the server
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/Chart.yaml'));
    assert.ok(pkg.activationEvents.includes('onLanguage:helm-tpl'));
    const client = readFileSync(join(root, 'client', 'extension.ts'), 'utf8');
    assert.match(client, /\{ scheme: 'file', language: 'helm-tpl' \}/);
  });

  it('every regex compiles', () => {
    for (const g of grammars.values()) {
      for (const [name, r] of Object.entries(g.repository ?? {})) for (const src of [r.match, r.begin, r.end]) if (src !== undefined) assert.doesNotThrow(() => new RegExp(src, 'd'), `${g.scopeName}#${name}`);
    }
  });

  it('colours an action in a YAML value and leaves the YAML around it alone', () => {
    const t = tokenize('  name: {{ include "web.fullname" . }}', injection);
    assert.equal(yamlText(t), '  name: ');
    assert.deepEqual(pick(t, 'punctuation.section.embedded.begin.go-template'), ['{{']);
    assert.deepEqual(pick(t, 'punctuation.section.embedded.end.go-template'), ['}}']);
    assert.deepEqual(pick(t, 'support.function.go-template'), ['include']);
    assert.deepEqual(pick(t, 'string.quoted.double.go-template'), ['"web.fullname"']);
    assert.deepEqual(pick(t, 'variable.other.member.go-template'), ['.']);
  });

  it('trim markers, keywords, variables, fields, pipelines and numbers', () => {
    const t = tokenize('{{- if and .Values.enabled (gt (int $replicas) 1) -}}', injection);
    assert.deepEqual(pick(t, 'keyword.operator.trim.go-template'), ['-', '-']);
    assert.deepEqual(pick(t, 'keyword.control.go-template'), ['if']);
    assert.deepEqual(pick(t, 'support.function.go-template'), ['and', 'gt', 'int']);
    assert.deepEqual(pick(t, 'variable.other.member.go-template'), ['.Values.enabled']);
    assert.deepEqual(pick(t, 'variable.other.go-template'), ['$replicas']);
    assert.deepEqual(pick(t, 'constant.numeric.go-template'), ['1']);
    assert.equal(yamlText(t), '');
    const r = tokenize('{{- range $k, $v := .Values.env }}\n  - name: {{ $k | quote }}\n{{- end }}', injection);
    assert.deepEqual(pick(r, 'keyword.control.go-template'), ['range', 'end']);
    assert.deepEqual(pick(r, 'keyword.operator.go-template'), [',', ':=', '|']);
    assert.equal(yamlText(r), '  - name: ');
    // `{{-3}}` is the number -3, not a trim marker
    assert.deepEqual(pick(tokenize('{{-3}}', injection), 'constant.numeric.go-template'), ['-3']);
  });

  it('a `}}` inside a string does not end the action; actions inside quoted YAML strings are coloured too', () => {
    const t = tokenize('  value: "{{ printf "%s}}" .Values.x }}-suffix"', injection);
    assert.deepEqual(pick(t, 'string.quoted.double.go-template'), ['"%s}}"']);
    assert.deepEqual(pick(t, 'punctuation.section.embedded.end.go-template'), ['}}']);
    assert.equal(yamlText(t), '  value: "-suffix"');
  });

  it('comments, and multi-line actions', () => {
    const c = tokenize('{{/* the pod\'s labels */}}\nlabels:', injection);
    assert.deepEqual(pick(c, 'comment.block.go-template'), ['{{/* the pod\'s labels */}}']);
    assert.equal(yamlText(c), 'labels:');
    const m = tokenize('{{- include "web.labels" (dict\n  "ctx" $ "extra" true) | nindent 4 }}\nspec:', injection);
    assert.deepEqual(pick(m, 'constant.language.go-template'), ['true']);
    assert.deepEqual(pick(m, 'support.function.go-template'), ['include', 'dict', 'nindent']);
    assert.equal(yamlText(m), 'spec:');
  });

  it('leaves GitHub Actions expressions and plain YAML alone', () => {
    assert.equal(yamlText(tokenize('run: echo ${{ github.sha }}', injection)), 'run: echo ${{ github.sha }}');
    assert.equal(yamlText(tokenize('labels: {app: web}', injection)), 'labels: {app: web}');
  });

  it('_helpers.tpl: defines and their bodies', () => {
    const t = tokenize('{{- define "web.fullname" -}}\n{{ .Release.Name }}-web\n{{- end }}', tpl);
    assert.deepEqual(pick(t, 'keyword.control.go-template'), ['define', 'end']);
    assert.deepEqual(pick(t, 'variable.other.member.go-template'), ['.Release.Name']);
    assert.equal(yamlText(t), '-web');
  });
});
