// Builds one article: compose (manuscript → markdown → template) → press (layout, check, print, finish) → output.
import type { PreflightReport } from './preflight/preflight.ts';
import { composeArticle, type ComposeOptions } from './compose.ts';
import { launchBrowser, type PressBrowser } from './render/browser.ts';
import { pageRoots } from './render/page-files.ts';
import { pressPage } from './render/press.ts';
import { articleFacts } from './pdf/finish.ts';
import { articleOutDir, publishArticle } from './output/publish.ts';
import { claimOutputFolder } from './output/ownership.ts';
import { formatMessages } from './manuscript/diagnostics.ts';
import type { LayoutReport } from './layout/report.ts';

export interface BuildOptions extends ComposeOptions {
  /** The article's output folder; by default `<project output>/<slug>`. */
  readonly outDir?: string;
  /** A browser to share across builds; otherwise one is started and closed here. */
  readonly press?: PressBrowser;
  /** Rebuild an output folder Broadsheet made even if files were added to it since (they are kept). */
  readonly force?: boolean;
}

export interface BuildResult {
  readonly outDir: string;
  /** The press copy (PDF/X, CMYK, with bleed): what the plant receives. */
  readonly pdfPath: string;
  /** The screen copy (RGB, cut to the trim): for reading, and for measuring the page as laid out. */
  readonly screenPath: string;
  readonly proofPath: string;
  /** The plant's preflight of the press copy (preflight.json; preflight.txt beside it). */
  readonly preflightPath: string;
  readonly preflight: PreflightReport;
  readonly warnings: readonly string[];
  readonly layout: LayoutReport;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { signal, project } = options;
  const article = await composeArticle(options);
  const { manuscript } = article;
  const outDir = options.outDir ?? articleOutDir(project.outDir, manuscript.slug);
  // Before Chromium starts: an output folder that is not Broadsheet's to replace is refused at once.
  await claimOutputFolder({ folder: outDir, sources: [manuscript.dir], force: options.force === true });
  const press = options.press ?? (await launchBrowser({ project }));
  try {
    const chromium = await press.browser.version();
    const pressed = await pressPage(
      {
        browser: press.browser,
        html: article.html,
        roots: pageRoots(project, manuscript.dir),
        request: article.layout,
        what: `${manuscript.slug} on the ${article.grid.label} page`,
        timeoutMs: project.timeouts.layoutMs,
        rules: project.press,
        ...(signal ? { signal } : {}),
      },
      () => articleFacts(manuscript.frontMatter, `Broadsheet (${chromium})`),
    );
    // Interrupted (Ctrl-C) before the output was written: write nothing.
    signal?.throwIfAborted();
    const published = await publishArticle({ article, pressed, bleed: project.press.bleed, outDir, force: options.force === true });
    return { ...published, preflight: pressed.preflight, warnings: formatMessages(manuscript.file.messages.filter((message) => !message.fatal)), layout: pressed.layout };
  } finally {
    if (!options.press) await press.close();
  }
}
