import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes, fixEdits, lintText, makeRuleSet, type Finding, type FixOp, type Path, type Rule } from '../../engine';
import { rules } from '../../rules';
import { generateManifest } from './manifest-gen';

const FIXABLE = [
  'privileged-container', 'privilege-escalation-allowed', 'writable-root-filesystem', 'run-as-root', 'host-network',
  'host-pid', 'net-raw-capability', 'capabilities-not-dropped', 'seccomp-profile-missing', 'deprecated-service-account-field',
  'image-pull-policy', 'service-account-token-automount',
];
const set = makeRuleSet(FIXABLE.map((id) => ({ rule: rules.find((r) => r.meta.id === id) as Rule, severity: 'error' as const, options: {} })));

/** Every leaf of a composed value (scalars, empty maps and lists) by its path: the oracle, independent of the engine's. */
function leaves(v: unknown, path: string[] = [], out = new Map<string, unknown>(), seen = new Set<unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === 'object') {
    if (seen.has(v)) return out; // a recursive alias (none generated; kept finite anyway)
    seen.add(v);
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length) out.set(path.join('/'), Array.isArray(v) ? '[]' : '{}');
    for (const [k, x] of entries) leaves(x, [...path, k], out, seen);
    seen.delete(v);
    return out;
  }
  out.set(path.join('/'), v);
  return out;
}

/** Paths an op may change: its own subtree; for a removed list item, the list (the items after it move up). */
function fixedPrefixes(ops: ReadonlyArray<FixOp>): string[] {
  return ops.flatMap((op) => {
    const p = op.path.map(String);
    if (op.op === 'remove' && typeof op.path[op.path.length - 1] === 'number') return [p.slice(0, -1).join('/')];
    if (op.op === 'rename') return [p.join('/'), [...p.slice(0, -1), op.to].join('/')];
    return [p.join('/')];
  });
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '/') || prefix === '';
/** An ancestor of a fixed path may appear (created) or become empty (its last key removed). */
const emptyAncestor = (path: string, value: unknown, prefixes: string[]) =>
  (value === null || value === '{}' || value === '[]') && prefixes.some((p) => under(p, path));

function assertOthersKept(before: unknown, after: unknown, ops: ReadonlyArray<FixOp>, where: string): void {
  const prefixes = fixedPrefixes(ops);
  const b = leaves(before);
  const a = leaves(after);
  for (const [path, v] of b) {
    if (prefixes.some((p) => under(path, p)) || emptyAncestor(path, v, prefixes)) continue;
    assert.ok(a.has(path), `${where}: ${path} disappeared`);
    assert.deepEqual(a.get(path), v, `${where}: ${path} changed`);
  }
  for (const [path, v] of a) {
    if (prefixes.some((p) => under(path, p)) || emptyAncestor(path, v, prefixes)) continue;
    assert.ok(b.has(path), `${where}: ${path} appeared`);
  }
}

/** Lints a fixed text: it must parse clean; its composed value and findings. */
function relint(text: string, where: string): { value: unknown; findings: Finding[] } {
  const r = lintText(text, set);
  assert.equal(r.parsed.docs.length, 1, where);
  assert.deepEqual(r.errors, [], `${where}: parses`);
  return { value: r.parsed.docs[0].value, findings: r.findings };
}

const same = (a: Finding, b: Finding) => a.ruleId === b.ruleId && a.messageId === b.messageId && a.message === b.message && samePath(a.path, b.path);
const samePath = (a: Path, b: Path) => a.length === b.length && a.every((s, i) => s === b[i]);

describe('engine: fixes over generated manifests with anchors, aliases, merge keys, flow/block, comments, CRLF (seeded property)', () => {
  const SEEDS = 16;
  it(`any single fix and all fixes together: parses, every other path keeps its value, the finding is gone, a second pass changes nothing (${SEEDS} manifests)`, () => {
    let single = 0;
    let unshared = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const text = generateManifest(seed);
      const where = `seed ${seed}:\n${text}`;
      const res = lintText(text, set);
      assert.deepEqual(res.errors, [], where);
      const before = res.parsed.docs[0].value;
      for (const f of res.findings) {
        const edits = f.fix && fixEdits(res.parsed, f);
        if (!edits) continue;
        single++;
        const out = applyEdits(text, edits);
        const w = `${where}\n-- ${f.ruleId} ${f.path.join('.')} -->\n${out}`;
        if (edits.length > f.fix!.ops.length) unshared++;
        const after = relint(out, w);
        assertOthersKept(before, after.value, f.fix!.ops, w);
        assert.ok(!after.findings.some((g) => same(f, g)), `${w}\nthe finding is gone`);
      }
      const all = applyFixes(text, set, () => true);
      const w = `${where}\n-- all fixes -->\n${all.text}`;
      const fixed = relint(all.text, w);
      assertOthersKept(before, fixed.value, all.applied.flatMap((f) => f.fix!.ops), w);
      const left = fixed.findings;
      for (const f of all.applied) if (!(f.fix!.ops.some((op) => op.op === 'remove'))) assert.ok(!left.some((g) => same(f, g)), `${w}\n${f.ruleId} ${f.path.join('.')} is gone`);
      const again = applyFixes(all.text, set, () => true);
      assert.equal(again.text, all.text, `${w}\na second pass changes nothing`);
      assert.equal(again.applied.length, 0);
    }
    // the generator must exercise what it is for
    assert.ok(single > SEEDS * 6, `single fixes: ${single}`);
    assert.ok(unshared > 5, `fixes that had to unshare a node: ${unshared}`);
  });
});
