// Builds one article: compose (manuscript → markdown → template) → layout and render in Chromium → pdf → output folder.
import { composeArticle, type ComposeOptions } from './compose.ts';
import { launchBrowser, type PressBrowser } from './render/browser.ts';
import { setPage } from './render/set-page.ts';
import { pageRoots } from './render/page-files.ts';
import { publishArticle } from './output/publish.ts';
import { formatMessages } from './manuscript/diagnostics.ts';
import { BroadsheetError } from './errors/catalogue.ts';
import type { LayoutReport } from './layout/report.ts';

export interface BuildOptions extends ComposeOptions {
  /** Defaults to dist/<slug> under the current folder. */
  readonly outDir?: string;
  /** A browser to share across builds; otherwise one is started and closed here. */
  readonly press?: PressBrowser;
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
  const article = await composeArticle(options);
  const { manuscript } = article;

  const press = options.press ?? (await launchBrowser());
  let set;
  let printed: Uint8Array;
  let version = 'Chromium';
  try {
    version = await press.browser.version();
    set = await setPage({ browser: press.browser, html: article.html, roots: pageRoots(manuscript.dir), layout: article.layout, ...(signal ? { signal } : {}) });
    try {
      printed = await set.print();
    } finally {
      await set.close();
    }
  } finally {
    if (!options.press) await press.close();
  }

  const broken = set.layout.problems.filter((problem) => problem.severity === 'error');
  if (broken.length > 0) {
    throw new BroadsheetError('LayoutFailed', `${manuscript.slug} cannot be laid out on the ${article.grid.label} page:`, {
      details: broken.map((problem) => `${problem.rule}: ${problem.message}`),
    });
  }
  // Interrupted (Ctrl-C) before the output was written: write nothing.
  signal?.throwIfAborted();
  const published = await publishArticle({ article, set, printed, chromium: version, ...(options.outDir ? { outDir: options.outDir } : {}) });
  return {
    ...published,
    warnings: formatMessages(manuscript.file.messages.filter((message) => !message.fatal)),
    layout: set.layout,
  };
}
