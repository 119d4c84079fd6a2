/**
 * A template that failed to parse or execute. `goMessage` is Go's `text/template` wording, e.g.
 * `template: mychart/templates/x.yaml:3:12: executing "mychart/templates/x.yaml" at <.Values.a.b>: nil pointer
 * evaluating interface {}.b` or `template: mychart/templates/x.yaml:3: unexpected EOF`.
 *
 * The place (`file`, `line`, `col`, `offset`) is where Go's message points: for an execution error inside an
 * `include`d template, the outermost action (the `include` call); `inner` then holds the error where it really
 * happened, down to the innermost (`innermost()`).
 */
export class TemplateError extends Error {
  /** Absolute path of the template file. */
  file: string;
  /** Go's template name of the file parsed (Helm: 'mychart/templates/x.yaml'). */
  override name: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units (Go's message counts bytes from 0: see `goMessage`). */
  col: number;
  /** UTF-16 offset of the failing node (or the parse error's line start) in `file`, and its length. */
  offset: number;
  length: number;
  goMessage: string;
  kind: 'parse' | 'exec' | 'limit';
  /** The message of `fail` or `required` when one of them caused the error (Helm prints only this). */
  failMessage?: string;
  /** The same error one include/tpl level down. */
  inner?: TemplateError;

  constructor(init: {
    file: string; name: string; line: number; col: number; offset: number; length: number; goMessage: string;
    kind: TemplateError['kind']; failMessage?: string; inner?: TemplateError;
  }) {
    super(init.goMessage);
    this.name = init.name;
    this.file = init.file;
    this.line = init.line;
    this.col = init.col;
    this.offset = init.offset;
    this.length = init.length;
    this.goMessage = init.goMessage;
    this.kind = init.kind;
    if (init.failMessage !== undefined) this.failMessage = init.failMessage;
    if (init.inner) this.inner = init.inner;
  }

  innermost(): TemplateError {
    let e: TemplateError = this;
    while (e.inner) e = e.inner;
    return e;
  }
}

/** Thrown by a template function: becomes `error calling NAME: MESSAGE` (Go wraps returned errors and panics alike). */
export class FuncError extends Error {
  constructor(message: string, readonly failMessage?: string, readonly inner?: TemplateError) { super(message); }
}
