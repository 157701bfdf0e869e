// Writes an article's outputs: the finished PDF, the proof with copies of every file it uses, and the layout report.
import { join, resolve } from 'node:path';
import { writeFolder } from './write-folder.ts';
import type { ComposedArticle } from '../compose.ts';
import type { Pressed } from '../render/press.ts';

export interface Published {
  readonly outDir: string;
  readonly pdfPath: string;
  readonly proofPath: string;
}

/** Writes the article into `outDir`, its own folder (by default `<project output>/<slug>`). */
export async function publishArticle(options: { article: ComposedArticle; pressed: Pick<Pressed, 'pdf' | 'proofHtml' | 'files' | 'layout'>; outDir: string }): Promise<Published> {
  const { manuscript } = options.article;
  const outDir = resolve(options.outDir);
  const pdfName = `${manuscript.slug}.pdf`;
  await writeFolder({
    folder: outDir,
    files: [
      { path: pdfName, contents: options.pressed.pdf },
      { path: 'index.html', contents: options.pressed.proofHtml },
      { path: 'layout.json', contents: JSON.stringify(options.pressed.layout, null, 2) + '\n' },
    ],
    copies: [...options.pressed.files].map(([path, from]) => ({ path, from })),
  });
  return { outDir, pdfPath: join(outDir, pdfName), proofPath: join(outDir, 'index.html') };
}

/** The article's folder under the project's output folder. */
export const articleOutDir = (output: string, slug: string): string => join(output, slug);
