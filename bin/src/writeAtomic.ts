// Writing a fixed file so that an interruption never leaves it half-written: the new content
// goes to a temporary file in the same folder (same file system, so rename is atomic), is
// flushed to disk, gets the original's permission bits, then replaces the original by rename.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomic(file: string, data: Buffer | string): void {
  // Writing through a symbolic link must replace its target, not the link itself.
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tensorlint-tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', stat.mode & 0o7777);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // openSync's mode is filtered by the umask; chmod restores the original bits exactly.
    fs.chmodSync(temp, stat.mode & 0o7777);
    try {
      fs.chownSync(temp, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; for everyone else the owner is already right.
    }
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already closed or never opened; the unlink below is what matters.
      }
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // The temporary file may not exist if open itself failed.
    }
    throw error;
  }
}
