import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, GOALS, PEER_TOOLS, PROFILES, SEVERITIES, lintText, makeRuleSet, type Rule } from '../../engine';
import { fixableRules, rules } from '../../rules';
import { renderMetaBlock, renderRulesMarkdown } from '../../cli/rules-doc';

const ROOT = join(__dirname, '..', '..', '..');
const RULES_DIR = join(ROOT, 'rules');

function examples(readme: string, heading: 'Incorrect' | 'Correct'): string[] {
  const section = new RegExp(`### ${heading}\\s*\\n([\\s\\S]*?)(?=\\n### |\\n## |$)`).exec(readme)?.[1] ?? '';
  return [...section.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Options a README's examples are linted with: `<!-- example-options: {"registries": ["x"]} -->` (for rules that are off until configured). */
function exampleOptions(readme: string): Record<string, unknown> {
  const m = /<!-- example-options: (\{[^\n]*\}) -->/.exec(readme);
  return m ? (JSON.parse(m[1]) as Record<string, unknown>) : {};
}

function findingsOf(rule: Rule, code: string, options: Record<string, unknown> = {}) {
  const set = makeRuleSet([{ rule, severity: rule.meta.severity, options: { ...(rule.meta.defaultOptions ?? {}), ...options } }]);
  const res = lintText(code, set);
  assert.deepEqual(res.errors, [], `example parses: ${JSON.stringify(res.errors)}`);
  return res.findings.filter((f) => f.ruleId === rule.meta.id);
}

describe('meta: the rule catalog', () => {
  it('every rule folder is registered, and only those', () => {
    const folders = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort();
    assert.deepEqual(rules.map((r) => r.meta.id).sort(), folders);
  });

  it('the product\'s core rule ids all exist', () => {
    const core = ['privileged-container', 'privilege-escalation-allowed', 'run-as-root', 'writable-root-filesystem', 'capabilities-not-dropped', 'dangerous-capabilities', 'seccomp-profile-missing', 'host-network', 'host-pid', 'host-ipc', 'host-path-volume', 'docker-socket-mount', 'host-port', 'image-tag-latest', 'image-not-pinned', 'resource-limits-missing', 'resource-requests-missing', 'liveness-probe-missing', 'readiness-probe-missing', 'service-account-token-automount', 'default-service-account', 'secret-in-env', 'rbac-wildcard', 'rbac-cluster-admin-binding', 'rbac-secrets-access', 'namespace-default'];
    const ids = new Set(rules.map((r) => r.meta.id));
    const missing = core.filter((id) => !ids.has(id));
    assert.deepEqual(missing, []);
  });

  it('docs/rules/README.md is current (run npm run docs)', () => {
    const file = join(ROOT, 'docs', 'rules', 'README.md');
    assert.equal(readFileSync(file, 'utf8'), renderRulesMarkdown(rules, fixableRules, '../../rules/'), 'docs/rules/README.md is stale: run `npm run docs`');
  });

  for (const rule of rules) {
    const m = rule.meta;
    describe(`rule ${m.id}`, () => {
      it('has valid metadata', () => {
        assert.match(m.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok((CATEGORIES as readonly string[]).includes(m.category), `category ${m.category}`);
        assert.ok(m.goals.length > 0 && m.goals.every((g) => (GOALS as readonly string[]).includes(g)), `goals ${m.goals}`);
        assert.ok((SEVERITIES as readonly string[]).includes(m.severity));
        assert.ok(m.profiles.every((p) => (PROFILES as readonly string[]).includes(p) && p !== 'all'), 'profiles (all is implicit)');
        assert.ok(m.appliesTo.length > 0);
        for (const [p, o] of Object.entries(m.profileOptions ?? {})) {
          assert.ok((PROFILES as readonly string[]).includes(p), `profileOptions profile ${p}`);
          for (const k of Object.keys(o ?? {})) assert.ok(k in (m.defaultOptions ?? {}), `profileOptions.${p}.${k} is an option in defaultOptions`);
        }
        assert.ok(m.title && m.docs.summary && m.docs.recipe, 'title, summary and recipe');
        assert.ok(Object.keys(m.messages).length > 0, 'messages');
        for (const [tool, ids] of Object.entries(m.peers)) {
          assert.ok((PEER_TOOLS as readonly string[]).includes(tool), `peer tool ${tool}`);
          assert.ok(Array.isArray(ids) && ids.every((x) => typeof x === 'string' && x.length > 0));
        }
      });
      it('has a case table', () => {
        assert.ok(existsSync(join(RULES_DIR, m.id, `${m.id}.test.ts`)), `rules/${m.id}/${m.id}.test.ts`);
      });
      it('is listed as fixable exactly when its case table has a fixed output', () => {
        const table = readFileSync(join(RULES_DIR, m.id, `${m.id}.test.ts`), 'utf8');
        assert.equal(fixableRules.has(m.id), /\boutput:\s*[`'"]/.test(table), 'fixableRules (docs, `kubehex rules`, the CLI) and the tested fixes agree');
      });
      const readmePath = join(RULES_DIR, m.id, 'README.md');
      it('has a README with why, recipe and examples, and current metadata', () => {
        assert.ok(existsSync(readmePath), 'README.md exists');
        const text = readFileSync(readmePath, 'utf8');
        for (const h of ['## Why it matters', '## Recipe', '## Examples', '### Incorrect', '### Correct']) assert.ok(text.includes(h), `README has "${h}"`);
        const block = /<!-- meta:start -->[\s\S]*?<!-- meta:end -->/.exec(text)?.[0];
        assert.equal(block, renderMetaBlock(rule, fixableRules), 'README metadata block is stale: run `npm run docs`');
      });
      it('README examples behave as labelled', () => {
        if (!existsSync(readmePath)) return;
        const text = readFileSync(readmePath, 'utf8');
        const bad = examples(text, 'Incorrect');
        const good = examples(text, 'Correct');
        assert.ok(bad.length && good.length, 'at least one incorrect and one correct example');
        const options = exampleOptions(text);
        for (const code of bad) {
          const found = findingsOf(rule, code, options);
          assert.ok(found.length > 0, `incorrect example must be flagged:\n${code}`);
          assert.deepEqual([...new Set(found.map((f) => f.ruleId))], [m.id], 'flagged by this rule');
          for (const f of found) assert.ok(rule.meta.messages[f.messageId] && !/\{\{\w+\}\}/.test(f.message), `message ${f.messageId} is declared and fully filled in: ${f.message}`);
        }
        for (const code of good) assert.deepEqual(findingsOf(rule, code, options).map((f) => f.message), [], 'correct example must be clean');
      });
    });
  }
});
