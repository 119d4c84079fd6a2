import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ruleIds } from '../../rules';
import { LspClient } from './lsp-client';

/** The server tests use these two rules; every other registered rule is switched off through the settings. */
export const TEST_RULES = ['privileged-container', 'duplicate-key'];
export const OTHERS_OFF: Record<string, string> = Object.fromEntries([...ruleIds].filter((id) => !TEST_RULES.includes(id)).map((id) => [id, 'off']));

/** A `kubehex` settings section with only the test rules on, plus `extra`. */
export function testSettings(extra: Record<string, any> = {}): Record<string, unknown> {
  return { ...extra, severity: { ...OTHERS_OFF, ...(extra.severity ?? {}) } };
}

export const PRIV_DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
`;

/** One Pod per document, each with one privileged container named after the document. */
export function podDoc(name: string, privileged: boolean): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: ${name}
      image: busybox:1.36
      securityContext:
        privileged: ${privileged}
`;
}

export function tempDir(): string { return mkdtempSync(join(tmpdir(), 'kubehex-lsp-')); }
export function removeDir(d: string): void { rmSync(d, { recursive: true, force: true }); }

/** Starts and initializes a server; the caller's `after` hook kills what is left. */
export async function startClient(opts: Parameters<LspClient['initialize']>[0] & { settings?: Record<string, unknown> } = {}): Promise<LspClient> {
  const c = new LspClient();
  c.settings = { kubehex: testSettings(opts.settings) };
  await c.initialize(opts);
  return c;
}

export function codes(diags: any[]): string[] { return diags.map((d) => d.code).sort(); }

export function rangeTuple(r: { start: { line: number; character: number }; end: { line: number; character: number } }): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}
