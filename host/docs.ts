/**
 * The rule pages kubehex ships: `rules/<id>/README.md` and the README's section on admission policies, inside the
 * installed package (the .vsix and the repository hold them). The editor links to them as `file:` URIs, so a
 * rule's documentation opens offline; SARIF carries their text. A web URL is used only when a docs base URL is
 * configured (`--docs-url`, or `homepage` in package.json): kubehex never links to a place that may not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rulePage } from '../engine';

let cachedRoot: string | null | undefined;

/**
 * The installed package's root: the nearest folder above this module with kubehex's package.json and rules/.
 * The bundles live in dist/ (the .vsix, bin/kubehex.js), the compiled tests in out/<layer>/.
 */
export function packageRoot(): string | undefined {
  if (cachedRoot !== undefined) return cachedRoot ?? undefined;
  cachedRoot = null;
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'kubehex' && existsSync(join(dir, 'rules'))) {
        cachedRoot = dir;
        break;
      }
    } catch { /* not here */ }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return cachedRoot ?? undefined;
}

/** The docs base URL from package.json's `homepage` (made to end in `/`), when the package names one. */
export function packageDocsBase(): string | undefined {
  const root = packageRoot();
  if (!root) return undefined;
  try {
    const home = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: unknown }).homepage;
    return typeof home === 'string' && /^https?:\/\/\S+$/.test(home) ? (home.endsWith('/') ? home : `${home}/`) : undefined;
  } catch {
    return undefined;
  }
}

/** A `file:` URI of the rule's bundled page (with the section's fragment), or undefined when it is not installed. */
export function rulePageUri(ruleId: string): string | undefined {
  const root = packageRoot();
  if (!root) return undefined;
  const page = rulePage(ruleId);
  const file = join(root, ...page.file.split('/'));
  if (!existsSync(file)) return undefined;
  return pathToFileURL(file).href + (page.section ? `#${page.section}` : '');
}

const textCache = new Map<string, string | null>();

/**
 * The text of the rule's bundled page: the whole `rules/<id>/README.md`, or for an admission policy's rule the
 * README's section on policies (its heading down to the next `## `). Undefined when it is not installed.
 */
export function rulePageText(ruleId: string): string | undefined {
  const page = rulePage(ruleId);
  const key = `${page.file}#${page.section ?? ''}`;
  if (!textCache.has(key)) {
    const root = packageRoot();
    let text: string | null = null;
    try {
      if (root) text = readFileSync(join(root, ...page.file.split('/')), 'utf8');
    } catch { /* not installed */ }
    if (text !== null && page.section) text = markdownSection(text, page.section) ?? null;
    textCache.set(key, text);
  }
  return textCache.get(key) ?? undefined;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The `## ` section whose anchor is `anchor`, heading included, up to the next heading of the same level. */
export function markdownSection(text: string, anchor: string): string | undefined {
  const lines = text.split('\n');
  let inFence = false;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) inFence = !inFence;
    if (inFence || !lines[i].startsWith('## ')) continue;
    if (start >= 0) return lines.slice(start, i).join('\n').trimEnd() + '\n';
    if (anchorOf(lines[i].slice(3).replace(/`/g, '')) === anchor) start = i;
  }
  return start >= 0 ? lines.slice(start).join('\n').trimEnd() + '\n' : undefined;
}
