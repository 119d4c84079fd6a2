import * as assert from 'node:assert/strict';
import { applyFixes, lintText, makeRuleSet, type Finding, type Rule } from '../engine';

/** [line, character, endLine, endCharacter], all 0-based (LSP convention). */
export type RangeTuple = [number, number, number, number];

/** `message` and `severity`, when given, are asserted exactly too (the finding's text and its own severity). */
export interface ExpectedFinding { messageId: string; range: RangeTuple; message?: string; severity?: 'error' | 'warning' | 'info' }

export interface ValidCase { name?: string; code: string; options?: Record<string, unknown> }
export interface InvalidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
  errors: ExpectedFinding[];
  /** Text after applying every fix of this rule (safe and review); `null` = no fix is offered. */
  output: string | null;
  /** Skip the derived suppression/shift/CRLF variants (e.g. for multi-line flow collections). */
  derive?: false;
}

export interface RuleCases { valid: Array<string | ValidCase>; invalid: InvalidCase[] }

function lint(rule: Rule, code: string, options?: Record<string, unknown>): Finding[] {
  const set = makeRuleSet([{ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) } }]);
  const res = lintText(code, set);
  assert.deepEqual(res.errors, [], `unexpected parse errors: ${JSON.stringify(res.errors)}`);
  return res.findings.filter((f) => f.ruleId === rule.meta.id);
}

function tuple(f: Finding): RangeTuple {
  return [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
}

function summary(fs: Finding[]): Array<{ messageId: string; range: RangeTuple }> {
  return fs.map((f) => ({ messageId: f.messageId, range: tuple(f) })).sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.messageId.localeCompare(b.messageId));
}

function sortExpected(e: ExpectedFinding[]) {
  return [...e].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.messageId.localeCompare(b.messageId));
}

function fixAll(rule: Rule, code: string, options?: Record<string, unknown>): string {
  const set = makeRuleSet([{ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) } }]);
  return applyFixes(code, set, (f) => f.ruleId === rule.meta.id).text;
}

const SHIFT_PREFIX = '# an unrelated document before the case\nnot: kubernetes\n---\n';
const SHIFT_LINES = 3;

/** Puts `# kubehex-disable RULE` at the start of every document. */
function suppressAll(code: string, id: string): string {
  const eol = code.includes('\r\n') ? '\r\n' : '\n';
  return `# kubehex-disable ${id}${eol}` + code.replace(/^(---[^\n]*\n)/gm, `$1# kubehex-disable ${id}${eol}`);
}

/** Puts `# kubehex-disable-next-line RULE` above every line that carries an expected finding. */
function suppressLines(code: string, id: string, lines: number[]): string {
  const rows = code.split('\n');
  for (const l of [...new Set(lines)].sort((a, b) => b - a)) {
    const indent = /^\s*/.exec(rows[l])?.[0] ?? '';
    rows.splice(l, 0, `${indent.replace(/-/g, ' ')}# kubehex-disable-next-line ${id} -- accepted risk`);
  }
  return rows.join('\n');
}

export function ruleTester(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    cases.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { code: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        assert.deepEqual(summary(lint(rule, vc.code, vc.options)), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      const name = c.name ?? `#${i + 1}`;
      const expected = sortExpected(c.errors);
      it(`invalid: ${name}`, () => {
        const got = lint(rule, c.code, c.options);
        assert.deepEqual(summary(got), expected.map(({ messageId, range }) => ({ messageId, range })));
        const sorted = [...got].sort((a, b) => tuple(a)[0] - tuple(b)[0] || tuple(a)[1] - tuple(b)[1] || a.messageId.localeCompare(b.messageId));
        expected.forEach((e, i) => {
          if (e.message !== undefined) assert.equal(sorted[i].message, e.message, `message of finding ${i + 1}`);
          if (e.severity !== undefined) assert.equal(sorted[i].severity, e.severity, `severity of finding ${i + 1}`);
        });
        for (const f of got) {
          assert.ok(c.errors.length && rule.meta.messages[f.messageId], `messageId ${f.messageId} is declared`);
          assert.equal(f.ruleId, rule.meta.id);
          assert.doesNotMatch(f.message, /\{\{\s*\w+\s*\}\}/, 'every placeholder of the message is filled in');
        }
      });
      it(`invalid: ${name} — fix`, () => {
        const fixed = fixAll(rule, c.code, c.options);
        if (c.output === null) {
          assert.equal(fixed, c.code, 'no fix expected');
          return;
        }
        assert.equal(fixed, c.output);
        assert.deepEqual(summary(lint(rule, fixed, c.options)), [], 'fixed output is clean for this rule');
      });
      if (c.derive === false) return;
      it(`invalid: ${name} — suppressed for the document`, () => {
        assert.deepEqual(summary(lint(rule, suppressAll(c.code, id), c.options)), []);
      });
      it(`invalid: ${name} — suppressed on the line`, () => {
        assert.deepEqual(summary(lint(rule, suppressLines(c.code, id, expected.map((e) => e.range[0])), c.options)), []);
      });
      it(`invalid: ${name} — shifted behind another document`, () => {
        const shifted = expected.map((e) => ({ messageId: e.messageId, range: [e.range[0] + SHIFT_LINES, e.range[1], e.range[2] + SHIFT_LINES, e.range[3]] as RangeTuple }));
        assert.deepEqual(summary(lint(rule, SHIFT_PREFIX + c.code, c.options)), shifted);
        if (c.output !== null) assert.equal(fixAll(rule, SHIFT_PREFIX + c.code, c.options), SHIFT_PREFIX + c.output);
      });
      it(`invalid: ${name} — CRLF`, () => {
        const crlf = c.code.replace(/\r?\n/g, '\r\n');
        assert.deepEqual(summary(lint(rule, crlf, c.options)), expected.map(({ messageId, range }) => ({ messageId, range })));
        if (c.output !== null) assert.equal(fixAll(rule, crlf, c.options), c.output.replace(/\r?\n/g, '\r\n'));
      });
    });
  });
}
