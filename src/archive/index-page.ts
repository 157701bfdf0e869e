// archive/index.html: every archived edition, newest first, with a thumbnail of its front page.
import { access, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { entryRecordName, isEntryRecord, type EntryRecord } from './catalogue.ts';

export async function writeArchiveIndex(archiveDir: string): Promise<void> {
  const entries: Array<EntryRecord & { id: string; reading: string }> = [];
  for (const item of await readdir(archiveDir, { withFileTypes: true })) {
    if (!item.isDirectory() || item.name.startsWith('.')) continue;
    const record = await readFile(join(archiveDir, item.name, entryRecordName), 'utf8')
      .then((text): unknown => JSON.parse(text))
      .catch(() => undefined);
    // Entries archived before the press copies became PDF/X kept the edition's reading copy under press/.
    const reading = await access(join(archiveDir, item.name, 'edition.pdf')).then(() => 'edition.pdf', () => 'press/edition.pdf');
    if (isEntryRecord(record)) entries.push({ ...record, id: item.name, reading });
  }
  entries.sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const page = h('html', { lang: 'zh-CN' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('title', 'Broadsheet archive'),
      h('style', 'body{font:15px/1.5 system-ui,sans-serif;margin:24px;background:#f4f2ee}ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:18px}li{background:#fff;padding:10px;box-shadow:0 1px 4px #0003}img{width:100%;height:auto;border:1px solid #ccc}h2{font-size:15px;margin:6px 0 2px}p{margin:0;color:#444;font-size:13px}'),
    ]),
    h('body', [
      h('h1', 'Broadsheet archive'),
      h('p', `${entries.length} archived edition${entries.length === 1 ? '' : 's'}; each entry is checked with \`broadsheet verify\`.`),
      h(
        'ul',
        entries.map((entry) =>
          h('li', [
            h('a', { href: `${entry.id}/${entry.reading}` }, [h('img', { src: `${entry.id}/thumbnail.png`, alt: `Front page of ${entry.edition}, ${entry.date}` })]),
            h('h2', `${entry.paper} · ${entry.edition}`),
            h('p', `${entry.date} · ${entry.articles.length} articles · entry ${entry.id}`),
          ]),
        ),
      ),
    ]),
  ]);
  const target = join(archiveDir, 'index.html');
  const staging = `${target}.${process.pid}.tmp`;
  await writeFile(staging, '<!doctype html>\n' + toHtml(page));
  await rename(staging, target);
}
