// Runs each command: calls the core stage with the resolved project and the one AbortSignal, and says what happened.
// Returns the exit code; throws BroadsheetError for failures the boundary reports.
import { relative } from 'node:path';
import type { ResolvedProject } from '../project/resolve.ts';
import type { Command } from './arguments.ts';
import type { Reporter } from './report.ts';
import type { StageSpans, StageTimes } from '../workspace/stage-clock.ts';
import { queueRunnerFor } from '../queue/queue-for.ts';
import { pageEventHooks } from './page-events.ts';

export type Run<Name extends Command['name']> = (command: Extract<Command, { name: Name }>, context: Context) => Promise<number>;

export interface Context {
  readonly project: ResolvedProject;
  readonly signal: AbortSignal;
  readonly report: Reporter;
  /** Resolves when the user asks a long-running command (preview) to stop. */
  readonly stopped: Promise<void>;
}

export const shown = (path: string): string => relative(process.cwd(), path) || path;


export const runBuild: Run<'build'> = async (command, { project, signal, report }) => {
  // Chromium starts while the rest of Broadsheet loads.
  const launching = import('../render/browser.ts').then(({ launchBrowser }) => launchBrowser({ project }));
  // A launch that fails is reported by the build, once its manuscript and output folder have been checked.
  launching.catch(() => undefined);
  const { build } = await import('../build.ts').catch(async (error: unknown) => {
    await launching.then((press) => press.close(), () => undefined);
    throw error;
  });
  const started = performance.now();
  const result = await build({
    project,
    launching,
    dir: command.dir,
    signal,
    ...(command.outDir ? { outDir: command.outDir } : {}),
    ...(command.force ? { force: true } : {}),
    ...(command.grid ? { grid: command.grid } : {}),
    ...(command.page ? { page: command.page } : {}),
    ...(command.allowJump ? { allowJump: true } : {}),
  });
  for (const warning of result.warnings) report.warn(warning);
  for (const problem of result.layout.problems) report.warn(`layout: ${problem.severity}: ${problem.rule}: ${problem.message}`);
  report.step(`start-up (Node and imports) ${Math.round(started)} ms`);
  stepsOf(report, result.stages, result.spans);
  report.step(`built in ${Math.round(performance.now() - started)} ms (layout ${result.layout.timing.milliseconds} ms, ${result.layout.timing.attempts} layouts weighed)`);
  const passed = result.preflight.checks.filter((check) => check.ok).length;
  report.result(`built ${shown(result.pdfPath)} (${result.preflight.pdfx ?? 'PDF'}, preflight: ${passed} of ${result.preflight.checks.length} checks pass)`);
  report.result(`screen copy ${shown(result.screenPath)}`);
  report.result(`proof ${shown(result.proofPath)}`);
  report.done({ pdf: result.pdfPath, screen: result.screenPath, preflight: result.preflightPath, proof: result.proofPath, layout: `${result.outDir}/layout.json`, pages: result.layout.pages.length, problems: result.layout.problems });
  return 0;
};

export const runEdition: Run<'edition'> = async (command, { project, signal, report }) => {
  const { buildEdition, editionOutDir, writeEdition } = await import('../edition/build-edition.ts');
  const output = { folder: command.outDir ?? editionOutDir(project.outDir, command.file), force: command.force === true };
  const runner = await queueRunnerFor(project, command.queue, (line) => report.warn(line));
  const built = await buildEdition({
    project,
    file: command.file,
    signal,
    output,
    onJob: pageEventHooks((event) => report.event(event)),
    ...(runner ? { runner } : {}),
  });
  for (const warning of built.warnings) report.warn(warning);
  signal.throwIfAborted();
  const folder = await writeEdition(built, output.folder, output);
  report.result(`built ${built.pages.length} pages of ${built.edition.name} in ${shown(folder)}/ (page-N.pdf for the press, page-N.screen.pdf, page-N.html, edition.pdf to read)`);
  report.done({ folder, pages: built.pages.map((page) => ({ number: page.number, title: page.title, problems: page.layout.problems })) });
  return 0;
};

export const runArchive: Run<'archive'> = async (command, { project, signal, report }) => {
  const { archiveEdition } = await import('../archive/archive-edition.ts');
  const runner = await queueRunnerFor(project, command.queue, (line) => report.warn(line));
  const { entry, path, stages, spans } = await archiveEdition({ project, file: command.file, signal, log: (line) => report.step(line), onJob: pageEventHooks((event) => report.event(event)), ...(runner ? { runner } : {}) });
  stepsOf(report, stages, spans);
  report.result(`archived ${entry} in ${shown(path)}`);
  report.done({ entry, path, stages, spans });
  return 0;
};

export const runVerify: Run<'verify'> = async (command, { project, report }) => {
  const { verifyArchive, verdictFailed } = await import('../archive/commands.ts');
  const verdicts = await verifyArchive({ project, ...(command.entry ? { entry: command.entry } : {}) });
  for (const verdict of verdicts) {
    const problems = [
      ...(verdict.broken ? [`  broken: ${verdict.broken}`] : []),
      ...verdict.missing.map((path) => `  missing: ${path}`),
      ...verdict.added.map((path) => `  added: ${path}`),
      ...verdict.changed.map((path) => `  changed: ${path}`),
    ];
    report.result(problems.length === 0 ? `ok ${verdict.entry}: ${verdict.checked} files match the manifest` : `FAILED ${verdict.entry}:\n${problems.join('\n')}`);
  }
  const failed = verdicts.filter(verdictFailed).length;
  report.done({ verdicts, failed });
  return failed > 0 ? 1 : 0;
};

export const runSearch: Run<'search'> = async (command, { project, report }) => {
  const { searchArchive } = await import('../archive/commands.ts');
  const hits = searchArchive({ project, query: command.query, ...(command.from ? { from: command.from } : {}), ...(command.to ? { to: command.to } : {}) });
  if (hits.length === 0) report.result(`no archived article matches “${command.query}”`);
  for (const hit of hits) report.result(`${hit.date}  ${hit.edition}  page ${hit.page}  ${hit.headline}${hit.byline ? ` — ${hit.byline}` : ''}  [${hit.entry}]\n    ${hit.snippet}`);
  report.done({ hits });
  return hits.length === 0 ? 1 : 0;
};

export const runPreview: Run<'preview'> = async (command, { project, report, stopped }) => {
  const { startPreview } = await import('../preview/run.ts');
  const preview = await startPreview({
    project,
    dir: command.dir,
    port: command.port,
    log: (line) => report.result(line),
    ...(command.outDir ? { outDir: command.outDir } : {}),
    ...(command.force ? { force: true } : {}),
    ...(command.grid ? { grid: command.grid } : {}),
    ...(command.page ? { page: command.page } : {}),
    ...(command.allowJump ? { allowJump: true } : {}),
  });
  report.done({ url: preview.url });
  // Ctrl-C is how a proof session ends: it stops cleanly, with exit code 0.
  await stopped;
  await preview.stop();
  return 0;
};

export const runServe: Run<'serve'> = async (command, { project, report, stopped }) => {
  const { startBuildServer } = await import('../serve/server.ts');
  const server = await startBuildServer({ project, port: command.port, cwd: process.cwd(), log: (line) => report.result(line) });
  report.result(`build server at ${server.url} (127.0.0.1 only): POST /build {"dir": "…"}; Ctrl-C stops`);
  report.done({ url: server.url });
  await stopped;
  await server.stop();
  return 0;
};

export async function runInit(command: Extract<Command, { name: 'init' }>, { report }: { report: Reporter }): Promise<number> {
  const { writeStarterHouse } = await import('../project/init.ts');
  const written = await writeStarterHouse({ dir: command.dir });
  for (const path of written.files) report.result(`wrote ${shown(path)}`);
  report.result(`build its story with: cd ${shown(written.dir)} && broadsheet build ${written.manuscript}`);
  report.done({ dir: written.dir, files: written.files });
  return 0;
}

export const runPreflight: Run<'preflight'> = async (command, { project, report }) => {
  const { preflightFile } = await import('../preflight/preflight-file.ts');
  const { report: verdict, text } = await preflightFile({ project, file: command.file, ...(command.grid ? { grid: command.grid } : {}) });
  report.result(text.trimEnd());
  report.done({ file: command.file, ...verdict });
  return verdict.ok ? 0 : 1;
};

/** Each stage's time and, when known, when it ran (seconds after the process started), for --verbose. */
function stepsOf(report: Reporter, stages: StageTimes, spans: StageSpans): void {
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  for (const [stage, ms] of Object.entries(stages)) {
    const span = spans[stage];
    report.step(`  ${stage} ${ms} ms${span ? ` (${seconds(span.from)}–${seconds(span.to)} s)` : ''}`);
  }
}
