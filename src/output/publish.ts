// Writes an article's outputs: the finished PDF, the proof with copies of every file it uses, and the layout report.
import { join, resolve } from 'node:path';
import { writeFolder } from './write-folder.ts';
import type { ComposedArticle } from '../compose.ts';
import type { Pressed } from '../render/press.ts';
import { preflightText } from '../preflight/preflight.ts';
import { pressViewFiles, withPressViews } from './press-view-html.ts';

export interface Published {
  readonly outDir: string;
  /** The press copy, PDF/X: what the plant receives. */
  readonly pdfPath: string;
  /** The screen copy: RGB, cut to the trim. */
  readonly screenPath: string;
  readonly proofPath: string;
  readonly preflightPath: string;
}

/** Writes the article into `outDir`, its own folder (by default `<project output>/<slug>`). */
export async function publishArticle(options: { article: ComposedArticle; pressed: Pick<Pressed, 'pdf' | 'screen' | 'preflight' | 'views' | 'proofHtml' | 'files' | 'layout'>; outDir: string; bleed: number; force?: boolean }): Promise<Published> {
  const { manuscript } = options.article;
  const outDir = resolve(options.outDir);
  const pdfName = `${manuscript.slug}.pdf`;
  const screenName = `${manuscript.slug}.screen.pdf`;
  await writeFolder({
    folder: outDir,
    files: [
      { path: pdfName, contents: options.pressed.pdf },
      { path: screenName, contents: options.pressed.screen },
      { path: 'index.html', contents: withPressViews(options.pressed.proofHtml, options.pressed.views, options.bleed, (page) => pressViewFiles(page)) },
      ...options.pressed.views.flatMap((view) => [
        { path: pressViewFiles(view.page).softProof, contents: view.softProof },
        { path: pressViewFiles(view.page).ink, contents: view.ink },
      ]),
      { path: 'layout.json', contents: JSON.stringify(options.pressed.layout, null, 2) + '\n' },
      { path: 'preflight.json', contents: JSON.stringify(options.pressed.preflight, null, 2) + '\n' },
      { path: 'preflight.txt', contents: preflightText(options.pressed.preflight, pdfName) },
    ],
    copies: [...options.pressed.files].map(([path, from]) => ({ path, from })),
    sources: [manuscript.dir],
    force: options.force === true,
  });
  return { outDir, pdfPath: join(outDir, pdfName), screenPath: join(outDir, screenName), proofPath: join(outDir, 'index.html'), preflightPath: join(outDir, 'preflight.json') };
}

/** The article's folder under the project's output folder. */
export const articleOutDir = (output: string, slug: string): string => join(output, slug);
