/** Syntax errors in a Kyverno rule: JMESPath in `{{ }}` and foreach lists, CEL in `validate.cel` (policy authoring). */
import { isRecord, type K8sObject, type Path } from '../../engine';
import { celCompileNotes, readCelSpec } from '../cel-policy';
import type { Note } from '../types';
import { jmesSyntaxError } from './jmes';

const VAR = /\{\{((?:\{[^{}]*\}|[^{}])*?)\}\}/g;

export function kyvernoSyntaxNotes(rule: Record<string, unknown>, base: Path, on: K8sObject, owner: string): Note[] {
  const notes: Note[] = [];
  const walk = (v: unknown, path: Path, rawJmes: boolean): void => {
    if (typeof v === 'string') {
      if (rawJmes) {
        const err = v.includes('{{') ? undefined : jmesSyntaxError(v);
        if (err) notes.push({ on, path, messageId: 'compile-error', message: `${owner}: JMESPath syntax error: ${err}`, span: [0, v.length] });
      }
      for (const m of v.matchAll(VAR)) {
        if (m[1].includes('{{') || m[1].trim() === '@') continue;
        const err = jmesSyntaxError(m[1]);
        if (err) notes.push({ on, path, messageId: 'compile-error', message: `${owner}: JMESPath syntax error in ${m[0]}: ${err}`, span: [m.index!, m.index! + m[0].length] });
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], false));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], k === 'list' || k === 'jmesPath');
  };
  for (const k of ['context', 'preconditions', 'validate']) if (rule[k] !== undefined) walk(rule[k], [...base, k], false);
  const v = isRecord(rule.validate) ? rule.validate : {};
  if (isRecord(v.cel)) {
    const spec = readCelSpec({ variables: v.cel.variables, validations: v.cel.expressions }, [...base, 'validate', 'cel']);
    // readCelSpec names the list `validations`; Kyverno's is `expressions`
    for (const x of spec.validations) x.path = x.path.map((s) => (s === 'validations' ? 'expressions' : s));
    notes.push(...celCompileNotes(spec, on, owner));
  }
  return notes;
}
