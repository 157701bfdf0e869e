// Runs `archive`, `verify` and `search`, printing what a desk editor needs and returning the exit code.
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { BroadsheetError } from '../errors/catalogue.ts';
import { archiveEdition, defaultArchiveDir } from './archive-edition.ts';
import { searchCatalogue } from './catalogue.ts';
import { verifyEntry } from './manifest.ts';

export type ArchiveCommand =
  | { name: 'archive'; file: string; archive?: string }
  | { name: 'verify'; entry?: string; archive?: string }
  | { name: 'search'; query: string; from?: string; to?: string; archive?: string };

export async function runArchiveCommand(command: ArchiveCommand, log: (line: string) => void): Promise<number> {
  const archiveDir = resolve(command.archive ?? defaultArchiveDir);
  switch (command.name) {
    case 'archive': {
      const { entry, path } = await archiveEdition({ file: command.file, archiveDir, log });
      log(`archived ${entry} in ${relative(process.cwd(), path) || path}`);
      return 0;
    }
    case 'verify': {
      const names = command.entry ? [command.entry] : await entryNames(archiveDir);
      if (names.length === 0) throw new BroadsheetError('ManuscriptNotFound', `${archiveDir} holds no archive entries.`);
      let failed = 0;
      for (const name of names) {
        if (name.includes('/') || name.startsWith('.')) throw new BroadsheetError('UsageError', `\`${name}\` is not an entry name; run \`broadsheet verify\` to check them all.`);
        const verdict = await verifyEntry(join(archiveDir, name), name);
        const problems = [
          ...(verdict.broken ? [`  broken: ${verdict.broken}`] : []),
          ...verdict.missing.map((path) => `  missing: ${path}`),
          ...verdict.added.map((path) => `  added: ${path}`),
          ...verdict.changed.map((path) => `  changed: ${path}`),
        ];
        if (problems.length > 0) failed++;
        log(problems.length === 0 ? `ok ${name}: ${verdict.checked} files match the manifest` : `FAILED ${name}:\n${problems.join('\n')}`);
      }
      return failed > 0 ? 1 : 0;
    }
    case 'search': {
      const hits = searchCatalogue(archiveDir, command.query, { ...(command.from ? { from: command.from } : {}), ...(command.to ? { to: command.to } : {}) });
      if (hits.length === 0) {
        log(`no archived article matches “${command.query}”`);
        return 1;
      }
      for (const hit of hits) log(`${hit.date}  ${hit.edition}  page ${hit.page}  ${hit.headline}${hit.byline ? ` — ${hit.byline}` : ''}  [${hit.entry}]\n    ${hit.snippet}`);
      return 0;
    }
  }
}

async function entryNames(archiveDir: string): Promise<string[]> {
  const items = await readdir(archiveDir, { withFileTypes: true }).catch(() => []);
  return items.filter((item) => item.isDirectory() && !item.name.startsWith('.')).map((item) => item.name).sort();
}
