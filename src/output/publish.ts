// Writes an article's outputs: the finished PDF, the proof with copies of every file it uses, and the layout report.
import { join, resolve } from 'node:path';
import { articleFacts, finishPdf } from '../pdf/finish.ts';
import { writeFolder } from './write-folder.ts';
import type { ComposedArticle } from '../compose.ts';
import type { SetPage } from '../render/set-page.ts';

export interface Published {
  readonly outDir: string;
  readonly pdfPath: string;
  readonly proofPath: string;
}

export async function publishArticle(options: {
  article: ComposedArticle;
  set: Pick<SetPage, 'proofHtml' | 'files' | 'layout'>;
  printed: Uint8Array;
  chromium: string;
  outDir?: string;
}): Promise<Published> {
  const { manuscript } = options.article;
  const pdf = await finishPdf({ pdf: options.printed, facts: articleFacts(manuscript.frontMatter, `Broadsheet (${options.chromium})`) });
  const outDir = resolve(options.outDir ?? defaultOutDir(manuscript.slug));
  const pdfName = `${manuscript.slug}.pdf`;
  await writeFolder({
    folder: outDir,
    files: [
      { path: pdfName, contents: pdf },
      { path: 'index.html', contents: options.set.proofHtml },
      { path: 'layout.json', contents: JSON.stringify(options.set.layout, null, 2) + '\n' },
    ],
    copies: [...options.set.files].map(([path, from]) => ({ path, from })),
  });
  return { outDir, pdfPath: join(outDir, pdfName), proofPath: join(outDir, 'index.html') };
}

export const defaultOutDir = (slug: string): string => join('dist', slug);
