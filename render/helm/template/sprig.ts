import type { TemplateFunc } from './index';

/** Sprig's function map (Sprig 3.2.3 as Helm 3.12 uses it), clean-room. */
export function sprigFuncs(): Record<string, TemplateFunc> {
  return {};
}
