// npm run docs: regenerates docs/rules/README.md and the metadata block of every rule README from the
// rules' metadata (test/meta fails when either is stale). Run after `npm run build`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { rules, fixableRules } = require(join(root, 'out', 'rules', 'index.js'));
const doc = require(join(root, 'out', 'cli', 'rules-doc.js'));

let changed = 0;
const write = (file, text) => {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
  changed++;
  console.log(`updated ${file.slice(root.length + 1)}`);
};
write(join(root, 'docs', 'rules', 'README.md'), doc.renderRulesMarkdown(rules, fixableRules, '../../rules/'));
for (const r of rules) {
  const file = join(root, 'rules', r.meta.id, 'README.md');
  if (!existsSync(file)) { console.log(`missing ${file.slice(root.length + 1)}`); continue; }
  const text = readFileSync(file, 'utf8');
  const block = doc.renderMetaBlock(r, fixableRules);
  const next = /<!-- meta:start -->[\s\S]*?<!-- meta:end -->/.test(text)
    ? text.replace(/<!-- meta:start -->[\s\S]*?<!-- meta:end -->/, () => block)
    : text.replace(/^(# .*\n)/, (h) => `${h}\n${block}\n`);
  write(file, next);
}
console.log(`docs: ${changed} file(s) updated, ${rules.length} rules`);
