import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ConfigError, Finding, ParseErrorInfo, Path, Severity } from '../engine';
import { rulePageUri } from '../host';

export const SOURCE = 'kubehex';
export const SYNTAX_CODE = 'yaml-syntax';

/**
 * The rule's page bundled with kubehex, as a `file:` URI (the .vsix ships rules/<id>/README.md and the README), so
 * it opens offline; an admission policy's rule gets the README's section on policies. Undefined when the page is
 * not installed: then there is no link at all.
 */
export function ruleDocUrl(ruleId: string): string | undefined {
  // the installed pages do not change while the server runs: one disk check per rule id, not per diagnostic
  if (!docUrls.has(ruleId)) {
    if (docUrls.size > 5000) docUrls.clear();
    docUrls.set(ruleId, rulePageUri(ruleId));
  }
  return docUrls.get(ruleId);
}
const docUrls = new Map<string, string | undefined>();

/** What a code action needs to find the finding again (never the message text). */
export interface FindingData {
  uri: string;
  version: number;
  ruleId: string;
  docIndex: number;
  path: Path;
  fixable: boolean;
}

export function isFindingData(v: unknown): v is FindingData {
  const d = v as FindingData;
  return !!d && typeof d === 'object' && typeof d.ruleId === 'string' && typeof d.docIndex === 'number' && Array.isArray(d.path);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function findingToDiagnostic(f: Finding, uri: string, version: number, hints: ReadonlySet<string>): Diagnostic {
  const data: FindingData = { uri, version, ruleId: f.ruleId, docIndex: f.docIndex, path: [...f.path], fixable: !!f.fix };
  const href = ruleDocUrl(f.ruleId);
  return {
    range: f.range,
    severity: hints.has(f.ruleId) ? DiagnosticSeverity.Hint : SEVERITY[f.severity],
    code: f.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: f.message,
    data,
  };
}

export function errorToDiagnostic(e: ParseErrorInfo): Diagnostic {
  const range = e.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const internal = e.code === 'rule-crash';
  return {
    range,
    severity: internal ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    code: internal ? 'kubehex-internal' : SYNTAX_CODE,
    source: SOURCE,
    message: e.message,
  };
}

export function configErrorToDiagnostic(e: ConfigError): Diagnostic {
  const p = { line: Math.max(0, e.line - 1), character: Math.max(0, e.character - 1) };
  return { range: { start: p, end: p }, severity: DiagnosticSeverity.Error, code: 'config', source: SOURCE, message: e.message };
}

export function tooLargeDiagnostic(size: number, max: number): Diagnostic {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'file-too-large',
    source: SOURCE,
    message: `kubehex: not linted; the file is ${mb(size)}, above the kubehex.maxFileSize limit of ${mb(max)}.`,
  };
}
