// The archive's questions as plain functions: re-hash entries against their manifests, search the catalogue.
// They return data; the CLI and library callers decide how to show it.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import type { ResolvedProject } from '../project/resolve.ts';
import { catalogueName, searchCatalogue, type Hit } from './catalogue.ts';
import { verifyEntry, type Verdict } from './manifest.ts';

/** Re-hashes one entry (or every entry) of the project's archive. */
export async function verifyArchive(options: { project: ResolvedProject; entry?: string }): Promise<Verdict[]> {
  const { archiveDir } = options.project;
  const names = await entryNames(archiveDir);
  if (names.length === 0) throw new BroadsheetError('ArchiveEmpty', `${archiveDir} holds no archive entries.`);
  if (options.entry !== undefined) {
    if (!names.includes(options.entry)) throw new BroadsheetError('ArchiveEntryUnknown', `${archiveDir} has no entry \`${options.entry}\`; the entries are: ${names.join(', ')}.`);
    return [await verifyEntry(join(archiveDir, options.entry), options.entry)];
  }
  const verdicts: Verdict[] = [];
  for (const name of names) verdicts.push(await verifyEntry(join(archiveDir, name), name));
  return verdicts;
}

export const verdictFailed = (verdict: Verdict): boolean => Boolean(verdict.broken) || verdict.missing.length + verdict.added.length + verdict.changed.length > 0;

/** Archived articles whose headline, byline or text holds `query` (any Chinese phrase too), newest first. */
export function searchArchive(options: { project: ResolvedProject; query: string; from?: string; to?: string }): Hit[] {
  const { archiveDir } = options.project;
  if (!existsSync(join(archiveDir, catalogueName))) throw new BroadsheetError('ArchiveEmpty', `${archiveDir} has no catalogue yet (${catalogueName}): nothing has been archived there.`);
  return searchCatalogue(archiveDir, options.query, { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) });
}

async function entryNames(archiveDir: string): Promise<string[]> {
  const items = await readdir(archiveDir, { withFileTypes: true }).catch(() => []);
  return items.filter((item) => item.isDirectory() && !item.name.startsWith('.')).map((item) => item.name).sort();
}
