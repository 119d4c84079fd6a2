/** Syntax errors in a Kyverno rule: JMESPath in `{{ }}` and foreach lists, CEL in `validate.cel` (policy authoring). */
import { isRecord, type K8sObject, type Path } from '../../engine';
import { celCompileNotes, readCelSpec } from '../cel-policy';
import type { Note } from '../types';
import { jmesSyntaxErrorAt } from './jmes';

const VAR = /\{\{((?:\{[^{}]*\}|[^{}])*?)\}\}/g;

export function kyvernoSyntaxNotes(rule: Record<string, unknown>, base: Path, on: K8sObject, owner: string): Note[] {
  const notes: Note[] = [];
  const walk = (v: unknown, path: Path, rawJmes: boolean): void => {
    if (typeof v === 'string') {
      if (rawJmes) {
        const err = v.includes('{{') ? undefined : jmesSyntaxErrorAt(v);
        if (err) notes.push({ on, path, messageId: 'compile-error', message: `${owner}: JMESPath syntax error: ${err.message}`, span: err.span });
      }
      for (const m of v.matchAll(VAR)) {
        if (m[1].includes('{{') || m[1].trim() === '@') continue;
        const err = jmesSyntaxErrorAt(m[1]);
        // the characters at fault inside the expression (it starts after the `{{`)
        const at = m.index! + 2;
        if (err) notes.push({ on, path, messageId: 'compile-error', message: `${owner}: JMESPath syntax error in ${m[0]}: ${err.message}`, span: [at + err.span[0], at + err.span[1]] });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], false));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], k === 'list' || k === 'jmesPath');
  };
  for (const k of ['context', 'preconditions', 'validate']) if (rule[k] !== undefined) walk(rule[k], [...base, k], false);
  const v = isRecord(rule.validate) ? rule.validate : {};
  notes.push(...patternNotes(v, [...base, 'validate'], on, owner));
  if (isRecord(v.cel)) {
    const spec = readCelSpec({ variables: v.cel.variables, validations: v.cel.expressions }, [...base, 'validate', 'cel']);
    // readCelSpec names the list `validations`; Kyverno's is `expressions`
    for (const x of spec.validations) x.path = x.path.map((s) => (s === 'validations' ? 'expressions' : s));
    notes.push(...celCompileNotes(spec, on, owner));
  }
  return notes;
}

// ---- pattern syntax (validate.pattern, anyPattern, and those of foreach) ----

const MODIFIERS = '<=^X+';

/** What is wrong with a pattern key, and where in it: anchors are `(k)`, `<(k)`, `=(k)`, `^(k)`, `X(k)`, `+(k)`. */
export function patternKeyError(k: string): { message: string; span: [number, number] } | undefined {
  const open = k.indexOf('(');
  const close = k.lastIndexOf(')');
  if (open < 0 && close < 0) return undefined;
  if (open < 0) return { message: `")" without "(" in key ${JSON.stringify(k)}`, span: [close, close + 1] };
  // parentheses must balance
  const opened: number[] = [];
  for (let i = 0; i < k.length; i++) {
    if (k[i] === '(') opened.push(i);
    else if (k[i] === ')' && opened.pop() === undefined) return { message: `")" without "(" in key ${JSON.stringify(k)}`, span: [i, i + 1] };
  }
  const unclosed = opened.pop();
  if (unclosed !== undefined) return { message: `"(" is not closed in key ${JSON.stringify(k)}`, span: [unclosed, unclosed + 1] };
  if (open > 1 || (open === 1 && !MODIFIERS.includes(k[0]))) {
    return { message: `unknown anchor ${JSON.stringify(k.slice(0, open + 1))}: anchors are (…), <(…), =(…), ^(…), X(…) and +(…)`, span: [0, open + 1] };
  }
  if (close !== k.length - 1) return { message: `text after the anchor's ")" in key ${JSON.stringify(k)}`, span: [close + 1, k.length] };
  if (close === open + 1) return { message: 'an anchor without a field name', span: [open, close + 1] };
  return undefined;
}

const NUMBERISH = /^[0-9]*\.?[0-9]+[a-zA-Zµ]*$/;

/**
 * What is wrong with a value pattern, and where: an operator Kyverno does not have (`=>`, `!=`), a comparison
 * (`>`, `>=`, `<`, `<=`) without a number, quantity or duration after it, a range (`1-5`) missing a bound.
 */
export function patternValueError(v: string): { message: string; span: [number, number] } | undefined {
  let at = 0;
  for (const alt of v.split(/([|&])/)) {
    if (alt === '|' || alt === '&') { at += 1; continue; }
    const err = singleValueError(alt);
    if (err) return { message: err.message, span: [at + err.span[0], at + err.span[1]] };
    at += alt.length;
  }
  return undefined;
}

function singleValueError(raw: string): { message: string; span: [number, number] } | undefined {
  const lead = raw.length - raw.trimStart().length;
  const p = raw.trim();
  const bad = /^(=>|=<|==|!=|<>|><|>>|<<)/.exec(p);
  if (bad) return { message: `unknown operator ${JSON.stringify(bad[1])}: operators are >, >=, <, <= and !`, span: [lead, lead + 2] };
  // a range: NUMBER-NUMBER, optionally negated
  const range = /^(!?)\s*([0-9][^-]*?)\s*-\s*(.*)$/.exec(p);
  if (range && NUMBERISH.test(range[2])) {
    const dash = lead + p.indexOf('-', range[1].length);
    if (range[3] === '') return { message: `the range ${JSON.stringify(p)} lacks its upper bound`, span: [dash, dash + 1] };
  }
  const op = /^(>=|<=|>|<)\s*/.exec(p);
  if (op) {
    const rest = p.slice(op[0].length);
    const from = lead + op[0].length;
    if (rest === '') return { message: `the operator ${op[1]} needs a number, quantity or duration after it`, span: [lead, lead + op[1].length] };
    if (!/^-?[0-9.]/.test(rest) || /^[.-]?$/.test(rest)) return { message: `the operator ${op[1]} compares numbers, quantities and durations, not ${JSON.stringify(rest)}`, span: [from, from + rest.length] };
  }
  return undefined;
}

function patternNotes(validate: Record<string, unknown>, base: Path, on: K8sObject, owner: string): Note[] {
  const notes: Note[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (typeof v === 'string') {
      // a value that is a variable is judged after substitution
      if (v.includes('{{')) return;
      const err = patternValueError(v);
      if (err) notes.push({ on, path, messageId: 'compile-error', message: `${owner}: pattern syntax error: ${err.message}`, span: err.span });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) {
        const err = k.includes('{{') ? undefined : patternKeyError(k);
        if (err) notes.push({ on, path: [...path, k], at: 'key', messageId: 'compile-error', message: `${owner}: pattern syntax error: ${err.message}`, span: err.span });
        walk(x, [...path, k]);
      }
    }
  };
  const visit = (val: Record<string, unknown>, path: Path): void => {
    if (val.pattern !== undefined) walk(val.pattern, [...path, 'pattern']);
    if (Array.isArray(val.anyPattern)) val.anyPattern.forEach((x, i) => walk(x, [...path, 'anyPattern', i]));
    if (Array.isArray(val.foreach)) val.foreach.forEach((f, i) => { if (isRecord(f)) visit(f, [...path, 'foreach', i]); });
  };
  visit(validate, base);
  return notes;
}
