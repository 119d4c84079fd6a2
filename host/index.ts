/**
 * The Node host: disk access shared by the CLI and the language server (regular files only, size-limited,
 * never blocking on a FIFO), and the disk as render/'s read-only file system.
 */
export { readRegularFile, formatSize, fileType, type ReadResult, type ReadRefusal } from './read';
export { diskFs } from './disk-fs';
export { packageRoot, packageDocsBase, rulePageUri, rulePageText, markdownSection } from './docs';
