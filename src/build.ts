// Builds one article: compose (manuscript → markdown → template) → press (layout, check, print, finish) → output.
import type { PreflightReport } from './preflight/preflight.ts';
import { composeArticle, type ComposedArticle, type ComposeOptions } from './compose.ts';
import { launchBrowser, type PressBrowser } from './render/browser.ts';
import { pageRoots } from './render/page-files.ts';
import { pressPage } from './render/press.ts';
import { articleFacts } from './pdf/finish.ts';
import { articleOutDir, publishArticle } from './output/publish.ts';
import { claimOutputFolder } from './output/ownership.ts';
import { formatMessages } from './manuscript/diagnostics.ts';
import type { LayoutReport } from './layout/report.ts';
import { readyPressTools } from './render/press-tools.ts';
import { stagesSoFar, timed, withStageClock, type StageSpans, type StageTimes } from './workspace/stage-clock.ts';

export interface BuildOptions extends ComposeOptions {
  /** The article's output folder; by default `<project output>/<slug>`. */
  readonly outDir?: string;
  /** A browser to share across builds; otherwise one is started and closed here. */
  readonly press?: PressBrowser;
  /**
   * This build's own Chromium, already starting (the command line starts it before it loads the rest of Broadsheet,
   * a quarter of a second of waiting saved): closed here as one started here would be.
   */
  readonly launching?: Promise<PressBrowser>;
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
  /** Where the build's time went, milliseconds by stage (layout.json has those up to the writing). */
  readonly stages: StageTimes;
  /** When each stage ran (milliseconds since the process started): what the build waited for, and what ran beside it. */
  readonly spans: StageSpans;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { value, stages, spans } = await withStageClock(() => buildArticle(options));
  return { ...value, stages, spans };
}

/** The article composed, and its output folder claimed: one that is not Broadsheet's to replace is refused before anything is printed. */
async function composeAndClaim(options: BuildOptions): Promise<{ article: ComposedArticle; outDir: string }> {
  const article = await timed('compose', () => composeArticle(options));
  const outDir = options.outDir ?? articleOutDir(options.project.outDir, article.manuscript.slug);
  await claimOutputFolder({ folder: outDir, sources: [article.manuscript.dir], force: options.force === true });
  return { article, outDir };
}

async function buildArticle(options: BuildOptions): Promise<Omit<BuildResult, 'stages' | 'spans'>> {
  const { signal, project } = options;
  // Started now, done by the time they are needed: the press tools, and (unless one is shared) Chromium.
  readyPressTools();
  const launching = options.press ? undefined : timed('launch Chromium', () => options.launching ?? launchBrowser({ project }));
  launching?.catch(() => undefined);
  const { article, outDir } = await composeAndClaim(options).catch(async (error: unknown) => {
    await launching?.then((press) => press.close(), () => undefined);
    throw error;
  });
  const { manuscript } = article;
  const press = options.press ?? (await (launching as Promise<PressBrowser>));
  // A press of this build's own is closed as soon as the page is printed, while the copies are finished.
  const closing: { done?: Promise<void> } = {};
  const closeOwn = () => void (closing.done ??= timed('close Chromium', () => press.close('at once')));
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
        ...(options.press ? {} : { onPrinted: closeOwn }),
        ...(press.rack ? { rack: press.rack } : {}),
        ...(press.finished ? { finished: press.finished } : {}),
      },
      () => articleFacts(manuscript.frontMatter, `Broadsheet (${chromium})`),
    );
    // Interrupted (Ctrl-C) before the output was written: write nothing.
    signal?.throwIfAborted();
    const layout: LayoutReport = { ...pressed.layout, timing: { ...pressed.layout.timing, stages: stagesSoFar() } };
    const published = await timed('write', () => publishArticle({ article, pressed: { ...pressed, layout }, bleed: project.press.bleed, outDir, force: options.force === true }));
    return { ...published, preflight: pressed.preflight, warnings: formatMessages(manuscript.file.messages.filter((message) => !message.fatal)), layout };
  } finally {
    if (!options.press) {
      closeOwn();
      await closing.done;
    }
  }
}
