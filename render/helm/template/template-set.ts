import { TemplateError } from './errors';

export interface TemplateSource {
  /** Helm's template name, e.g. 'mychart/templates/deployment.yaml'. */
  name: string;
  text: string;
  /** Absolute path of the file (for errors and source-map origins). */
  file: string;
}

export interface TemplateSetOptions {
  /** Names of functions known to the parser besides Go's builtins, Sprig's and Helm's. */
  funcs?: Iterable<string>;
}

/** Templates parsed from sources; `define`d templates join the set under their own names. */
export class TemplateSet {
  readonly sources = new Map<string, TemplateSource>();
  constructor(readonly options: TemplateSetOptions = {}) {}

  /** Parse a source; throws TemplateError (kind 'parse'). */
  parse(src: TemplateSource): void {
    if (typeof src.text !== 'string') throw new TemplateError({ file: src.file, name: src.name, line: 1, col: 1, offset: 0, length: 0, goMessage: `template: ${src.name}:1: no text`, kind: 'parse' });
    this.sources.set(src.name, src);
  }

  has(name: string): boolean { return this.sources.has(name); }
  names(): string[] { return [...this.sources.keys()].sort(); }
}
