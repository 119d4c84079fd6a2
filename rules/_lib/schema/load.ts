// Loaded on first use only (see ../k8s-schema.ts), so the CLI and the extension pay for the
// schema only when a document is actually validated.
import schema from './k8s.schema.json';

export default schema as unknown as Record<string, unknown>;
