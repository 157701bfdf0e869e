// Failures of the machine rather than of Broadsheet: a full disk, a folder it may not write, a read-only or failing
// file system. Node and SQLite report them with a code; each becomes a catalogue error naming the path and the cause.
import { BroadsheetError } from './catalogue.ts';

const causes: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  SQLITE_FULL: 'the disk is full',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EIO: 'the disk reported an input/output error',
  SQLITE_IOERR: 'the disk reported an input/output error',
  EMFILE: 'too many files are open in this process',
  ENFILE: 'too many files are open on this machine',
};

/** The catalogue error for a system failure, or undefined for any other error. */
export function fromSystemError(error: unknown): BroadsheetError | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return undefined;
  const code = error.code.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : error.code;
  const cause = causes[code];
  if (!cause) return undefined;
  const path = 'path' in error && typeof error.path === 'string' ? error.path : 'dest' in error && typeof error.dest === 'string' ? error.dest : undefined;
  const where = path ?? (code.startsWith('SQLITE') ? 'the archive catalogue (catalogue.sqlite)' : 'a file Broadsheet was writing');
  const syscall = 'syscall' in error && typeof error.syscall === 'string' ? ` (${error.syscall})` : '';
  return new BroadsheetError('SystemFailed', `Could not write ${where}: ${cause} [${error.code}${syscall}].`, { cause: error });
}
