import { diskFs as hostDiskFs } from '../host';
import type { ReadOnlyFs } from '../render';

/** Files a render may read are capped like manifests: a chart that points at a huge file gets nothing. */
export const DISK_FS_MAX_FILE = 16 * 1024 * 1024;

/**
 * The disk as a render sees it (host/disk-fs.ts): regular files only (a FIFO or device is "not there", so it can
 * never hang or flood a render), at most `maxBytes` each, opened without blocking and checked after opening.
 */
export function diskFs(maxBytes = DISK_FS_MAX_FILE): ReadOnlyFs {
  return hostDiskFs(maxBytes);
}
