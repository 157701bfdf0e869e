// Builds one article: manuscript → markdown → template → layout and render → pdf → output folder.
import { join, resolve } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { loadManuscript } from './manuscript/load.ts';
import { toStory } from './markdown/to-story.ts';
import { fillTemplate } from './template/fill.ts';
import { gridCss, loadGrid } from './layout/grid.ts';
import { loadPaper } from './layout/paper.ts';
import { launchBrowser, type PressBrowser } from './render/browser.ts';
import { printPage } from './render/print-page.ts';
import { pageRoots, projectRoot } from './render/page-files.ts';
import { finishPdf } from './pdf/finish.ts';
import { writeFolder } from './output/write-folder.ts';
import { formatMessages } from './manuscript/diagnostics.ts';
import type { LayoutReport, LayoutRequest } from './layout/report.ts';
import { BroadsheetError } from './errors/catalogue.ts';

export interface BuildOptions {
  /** The manuscript folder. */
  readonly dir: string;
  /** Defaults to dist/<slug> under the current folder. */
  readonly outDir?: string;
  readonly grid?: string;
  /** The page number the article starts on (default 1). */
  readonly page?: number;
  /** Let overset text jump to a continuation page instead of failing. */
  readonly allowJump?: boolean;
  /** A browser to share across builds; otherwise one is started and closed here. */
  readonly press?: PressBrowser;
  readonly signal?: AbortSignal;
}

export interface BuildResult {
  readonly outDir: string;
  readonly pdfPath: string;
  readonly proofPath: string;
  readonly warnings: readonly string[];
  readonly layout: LayoutReport;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const signal = options.signal;
  const manuscript = await loadManuscript({ dir: options.dir, ...(signal ? { signal } : {}) });
  const story = await toStory({ manuscript, ...(signal ? { signal } : {}) });
  const grid = await loadGrid({ file: join(projectRoot, 'styles/grids.yaml'), ...(options.grid ? { name: options.grid } : {}) });
  const paper = await loadPaper(join(projectRoot, 'styles/paper.yaml'));
  const { frontMatter } = manuscript;
  const layout: LayoutRequest = {
    grid,
    folio: { paper: paper.name, page: options.page ?? 1, ...(frontMatter.date ? { date: frontMatter.date } : {}), ...(frontMatter.section ? { section: frontMatter.section } : {}) },
    allowJump: options.allowJump ?? false,
  };
  const page = await fillTemplate({
    templateFile: join(projectRoot, 'templates/article.html'),
    frontMatter: manuscript.frontMatter,
    story,
    gridCss: gridCss(grid),
  });

  const press = options.press ?? (await launchBrowser());
  let rendered;
  let version = 'Chromium';
  try {
    version = await press.browser.version();
    rendered = await printPage({ browser: press.browser, html: toHtml(page), roots: pageRoots(manuscript.dir), layout, ...(signal ? { signal } : {}) });
  } finally {
    if (!options.press) await press.close();
  }

  const broken = rendered.layout.problems.filter((problem) => problem.severity === 'error');
  if (broken.length > 0) {
    throw new BroadsheetError('LayoutFailed', `${manuscript.slug} cannot be laid out on the ${grid.label} page:`, {
      details: broken.map((problem) => `${problem.rule}: ${problem.message}`),
    });
  }
  const pdf = await finishPdf({ pdf: rendered.pdf, facts: { frontMatter: manuscript.frontMatter, producer: `Broadsheet (${version})` } });

  const outDir = resolve(options.outDir ?? join('dist', manuscript.slug));
  const pdfName = `${manuscript.slug}.pdf`;
  await writeFolder({
    folder: outDir,
    files: [
      { path: pdfName, contents: pdf },
      { path: 'index.html', contents: rendered.proofHtml },
      { path: 'layout.json', contents: JSON.stringify(rendered.layout, null, 2) + '\n' },
    ],
    copies: [...rendered.files].map(([path, from]) => ({ path, from })),
  });
  return {
    outDir,
    pdfPath: join(outDir, pdfName),
    proofPath: join(outDir, 'index.html'),
    warnings: formatMessages(manuscript.file.messages.filter((message) => !message.fatal)),
    layout: rendered.layout,
  };
}
