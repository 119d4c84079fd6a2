import type { Connection, Diagnostic } from 'vscode-languageserver';
import { filesOf, renderedDiagnostics, type Linted } from './rendered';
import { pathToUri } from './uri';

/**
 * Diagnostics of the files of a render that are not open (a values.yaml while its template is edited, the base a
 * patch changes): published after each fresh render, and cleared when a render no longer shows anything there.
 * Open files get theirs from their own analysis (pushed or pulled).
 */
export class RenderedPublisher {
  /** What was last published per closed file (JSON), and the files each root published to. */
  private sent = new Map<string, string>();
  private byRoot = new Map<string, Set<string>>();

  constructor(private readonly connection: Connection, private readonly isOpen: (uri: string) => boolean) {}

  publish(linted: ReadonlyArray<Linted>, hints: ReadonlySet<string>): void {
    for (const l of linted) {
      const files = filesOf(l);
      const prev = this.byRoot.get(l.source.root) ?? new Set<string>();
      for (const file of new Set([...files, ...prev])) {
        const uri = pathToUri(file);
        if (this.isOpen(uri)) continue;
        const diags: Diagnostic[] = files.has(file) ? renderedDiagnostics(linted, file, uri, 0, hints) : [];
        const key = JSON.stringify(diags);
        if ((this.sent.get(uri) ?? '[]') === key) continue;
        if (diags.length) this.sent.set(uri, key);
        else this.sent.delete(uri);
        this.connection.sendDiagnostics({ uri, diagnostics: diags });
      }
      this.byRoot.set(l.source.root, new Set([...files].filter((f) => this.sent.has(pathToUri(f)))));
    }
  }

  /** Was something published for `uri` while it was closed (pull mode clears it when the file opens)? */
  publishedFor(uri: string): boolean { return this.sent.has(uri); }

  /** The file opened: its own analysis now speaks for it. */
  opened(uri: string): void { this.sent.delete(uri); }
}
