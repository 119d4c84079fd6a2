// The kubehex-specific LSP messages, as the client sees them. The client speaks LSP only and imports no
// project code, so these shapes are declared here and kept in step with the server by the e2e tests.
import { NotificationType, RequestType } from 'vscode-languageclient/node';

export type Severity = 'error' | 'warning' | 'info';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface ScanWorkspaceParams {
  /** Absolute file-system paths of the workspace folders to scan. */
  folders: string[];
  /** Glob patterns (from `files.exclude`) the server skips. */
  exclude: string[];
  /** Client-created work-done progress token (LSP `WorkDoneProgressParams`). */
  workDoneToken?: string;
}

export interface ScanItem {
  uri: string;
  ruleId: string;
  severity: Severity;
  category: string;
  message: string;
  range: LspRange;
}

export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  byCategory: Record<string, number>;
  byRule: Record<string, number>;
  bySeverity: Partial<Record<Severity, number>>;
  items: ScanItem[];
}

export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>('kubehex/scanWorkspace');
export const SetTrustedNotification = new NotificationType<{ isTrusted: boolean }>('kubehex/setTrusted');

export interface ReportParams {
  folders: string[];
  exclude: string[];
  /** html: the page (findings carry data-file, data-line, data-character); json: the report's data. */
  format: 'html' | 'json';
}

export interface ReportResult {
  score: number;
  grade: string;
  counts: Partial<Record<Severity, number>>;
  html?: string;
  data?: unknown;
}

export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('kubehex/report');
