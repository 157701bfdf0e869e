// A full disk, a folder Broadsheet may not write, a failing catalogue: each is told as what it is, with the path,
// not as "a bug in Broadsheet". Errors as Node's fs and better-sqlite3 raise them.
import { expect, it } from 'vitest';
import { fromSystemError } from '../../src/errors/system-errors.ts';

const systemError = (code: string, fields: Record<string, string> = {}) => Object.assign(new Error(`${code}: failed`), { code, ...fields });

it('names the path and the cause of a full disk and of a permission refused, as BS053 with exit 1', () => {
  const full = fromSystemError(systemError('ENOSPC', { syscall: 'write', path: '/srv/archive/.staging-1/pdfa/page-1.pdf' }));
  expect(full?.entry).toMatchObject({ code: 'BS053', exit: 1 });
  expect(full?.message).toBe('Could not write /srv/archive/.staging-1/pdfa/page-1.pdf: the disk is full [ENOSPC (write)].');
  expect(full?.entry.hint).toContain('Free disk space');
  const denied = fromSystemError(systemError('EACCES', { syscall: 'open', path: '/srv/dist/page' }));
  expect(denied?.message).toContain('/srv/dist/page: permission denied');
  const copy = fromSystemError(systemError('EROFS', { syscall: 'copyfile', path: '/a', dest: '/ro/b' }));
  expect(copy?.message).toContain('/a: the file system is read-only');
});

it('tells a failing SQLite catalogue apart, and leaves every other error alone', () => {
  expect(fromSystemError(systemError('SQLITE_IOERR_WRITE'))?.message).toBe('Could not write the archive catalogue (catalogue.sqlite): the disk reported an input/output error [SQLITE_IOERR_WRITE].');
  expect(fromSystemError(systemError('SQLITE_FULL'))?.message).toContain('the disk is full');
  expect(fromSystemError(systemError('ENOENT', { path: '/x' }))).toBeUndefined();
  expect(fromSystemError(new TypeError('x is not a function'))).toBeUndefined();
  expect(fromSystemError('ENOSPC')).toBeUndefined();
});
