import type { ExecOptions, ExecResult } from './index';
import type { TemplateSet } from './template-set';

/** Execute template `name` of `set` with `data` as dot. Throws TemplateError. */
export function execute(set: TemplateSet, name: string, data: unknown, opts: ExecOptions): ExecResult {
  void set; void name; void data; void opts;
  throw new Error('not implemented yet');
}
