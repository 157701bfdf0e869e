// The sample edition four times over, for the benchmark and the tests that need a long edition: 16 pages, each
// round's manuscripts copied under a folder name of their own (market-2), page numbers and jumps renumbered.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes the edition and its manuscripts into `folder` from the sample in `root/manuscript`; returns the file. */
export async function sixteenPageEdition(folder: string, root = '.'): Promise<string> {
  await mkdir(folder, { recursive: true });
  const source = await readFile(join(root, 'manuscript', 'edition.yaml'), 'utf8');
  const slugs = [...new Set([...source.matchAll(/(?:manuscript|continues): ([\w-]+)/g)].map((match) => match[1] ?? ''))];
  const body = source.slice(source.indexOf('pages:') + 'pages:'.length);
  const rounds: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const slug of slugs) await cp(join(root, 'manuscript', slug), join(folder, `${slug}-${round}`), { recursive: true });
    rounds.push(
      body
        .replace(/number: (\d+)/g, (_, page: string) => `number: ${Number(page) + round * 4}`)
        .replace(/jump: (\d+)/g, (_, page: string) => `jump: ${Number(page) + round * 4}`)
        .replace(/(manuscript|continues): ([\w-]+)/g, (_, key: string, slug: string) => `${key}: ${slug}-${round}`),
    );
  }
  const file = join(folder, 'edition.yaml');
  await writeFile(file, `${source.slice(0, source.indexOf('pages:'))}pages:${rounds.join('\n')}`);
  return file;
}
