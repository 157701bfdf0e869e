// Broadsheet as a library: the same stages the command line runs, each taking a named options object. A `project`
// (from resolveProject) may be passed to share one resolved house style; otherwise each call resolves its own from
// `cwd` (default: the current folder) and `config` (default: the nearest broadsheet.config.yaml).
import { build as buildArticle, type BuildOptions, type BuildResult } from './build.ts';
import { buildEdition as buildEditionPages, editionOutDir, writeEdition, type BuiltEdition } from './edition/build-edition.ts';
import { archiveEdition as archive } from './archive/archive-edition.ts';
import { searchArchive as search, verifyArchive as verify } from './archive/commands.ts';
import type { Hit } from './archive/catalogue.ts';
import type { Verdict } from './archive/manifest.ts';
import { startPreview as preview, type RunningPreview } from './preview/run.ts';
import { resolveProject, type ResolvedProject } from './project/resolve.ts';
import { launchBrowser, type PressBrowser } from './render/browser.ts';
import { openWarmPress as openWarm, type WarmPress } from './render/warm-press.ts';
import type { PreflightReport, PreflightCheck } from './preflight/preflight.ts';
import { queueRunnerFor } from './queue/queue-for.ts';
import type { Rerendered } from './archive/rerender.ts';
import type { RunningWorker, WorkerOptions } from './queue/worker.ts';

export { BroadsheetError, errors, type ErrorEntry, type ExitCode } from './errors/catalogue.ts';
export type { LayoutReport, StoryReport, PageReport, FigureReport, LayoutProblem } from './layout/report.ts';
export type { BuildResult, BuiltEdition, Hit, Verdict, RunningPreview, ResolvedProject, PressBrowser, WarmPress, PreflightReport, PreflightCheck, Rerendered, RunningWorker };
export { resolveProject, launchBrowser };

/** Where the house style comes from, for calls that are not handed a resolved project. */
export interface ProjectChoice {
  /** A resolved project to use as it is. */
  readonly project?: ResolvedProject;
  /** The folder to look for broadsheet.config.yaml from (default: the current folder). */
  readonly cwd?: string;
  /** A config file to use instead. */
  readonly config?: string;
}

async function projectOf(choice: ProjectChoice): Promise<ResolvedProject> {
  return choice.project ?? resolveProject({ cwd: choice.cwd ?? process.cwd(), env: process.env, ...(choice.config ? { configFile: choice.config } : {}) });
}

/** Builds one manuscript folder into its PDF, proof and layout report. */
export async function build(options: ProjectChoice & Omit<BuildOptions, 'project'>): Promise<BuildResult> {
  return buildArticle({ ...options, project: await projectOf(options) });
}

/**
 * A press kept warm for build after build (pass it as `press`): Chromium launched once, pages kept with their fonts
 * loaded and recycled after `reuses` layouts (default 20). Close it when done.
 */
export async function openWarmPress(options: ProjectChoice & { reuses?: number } = {}): Promise<WarmPress> {
  return openWarm({ project: await projectOf(options), ...(options.reuses ? { reuses: options.reuses } : {}) });
}

/**
 * Builds every page of an edition file and writes them (with edition.pdf) into `outDir` (default `<output>/<edition>`).
 * `queue` (redis://HOST:PORT, default the house's `queue:`) sends the pages to `broadsheet worker`s.
 */
export async function buildEdition(options: ProjectChoice & { file: string; outDir?: string; force?: boolean; press?: PressBrowser; signal?: AbortSignal; queue?: string }): Promise<BuiltEdition & { folder: string }> {
  const project = await projectOf(options);
  const output = { folder: options.outDir ?? editionOutDir(project.outDir, options.file), force: options.force === true };
  const runner = await queueRunnerFor(project, options.queue);
  const built = await buildEditionPages({ project, file: options.file, output, ...(runner ? { runner } : {}), ...(options.press ? { press: options.press } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const folder = await writeEdition(built, output.folder, output);
  return { ...built, folder };
}

/** Builds an edition (on the job queue with `queue`) and writes it as a new archive entry; returns the entry's name and folder. */
export async function archiveEdition(options: ProjectChoice & { file: string; signal?: AbortSignal; queue?: string }): Promise<{ entry: string; path: string; stages: Readonly<Record<string, number>>; spans: Readonly<Record<string, { from: number; to: number }>> }> {
  const project = await projectOf(options);
  const runner = await queueRunnerFor(project, options.queue);
  return archive({ project, file: options.file, ...(runner ? { runner } : {}), ...(options.signal ? { signal: options.signal } : {}) });
}

/** Builds archived editions (those dated `from`–`to`) again as new revisions, on this machine or the job queue. */
export async function rerenderArchive(options: ProjectChoice & { from?: string; to?: string; signal?: AbortSignal; queue?: string }): Promise<Rerendered[]> {
  const project = await projectOf(options);
  const [{ rerenderArchive: rerender }, runner] = await Promise.all([import('./archive/rerender.ts'), queueRunnerFor(project, options.queue)]);
  return rerender({ project, ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}), ...(runner ? { runner } : {}), ...(options.signal ? { signal: options.signal } : {}) });
}

/** A worker taking page jobs from the queue at `queue` (redis://HOST:PORT) until closed. */
export async function startWorker(options: ProjectChoice & { queue: string } & Omit<WorkerOptions, 'address' | 'project'>): Promise<RunningWorker> {
  const [{ queueAddress }, { startWorker: start }] = await Promise.all([import('./queue/connection.ts'), import('./queue/worker.ts')]);
  const { project: _project, cwd: _cwd, config: _config, queue, ...rest } = options;
  return start({ ...rest, address: queueAddress(queue), project: await projectOf(options) });
}

/** Re-hashes one archive entry, or all of them. */
export async function verifyArchive(options: ProjectChoice & { entry?: string } = {}): Promise<Verdict[]> {
  return verify({ project: await projectOf(options), ...(options.entry ? { entry: options.entry } : {}) });
}

/** The plant's preflight of any PDF against the house's press rules: the report (JSON) and its text. */
export async function preflight(options: ProjectChoice & { file: string; grid?: string }): Promise<{ report: PreflightReport; text: string }> {
  const { preflightFile } = await import('./preflight/preflight-file.ts');
  return preflightFile({ project: await projectOf(options), file: options.file, ...(options.grid ? { grid: options.grid } : {}) });
}

/** Finds archived articles by words in their headline, byline or text. */
export async function searchArchive(options: ProjectChoice & { query: string; from?: string; to?: string }): Promise<Hit[]> {
  return search({ project: await projectOf(options), query: options.query, ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) });
}

/** Starts the live proof server on 127.0.0.1 for a manuscript folder; `stop()` ends it. */
export async function startPreview(options: ProjectChoice & { dir: string; port?: number; outDir?: string; force?: boolean; grid?: string; log?: (line: string) => void }): Promise<RunningPreview> {
  return preview({
    project: await projectOf(options),
    dir: options.dir,
    port: options.port ?? 0,
    log: options.log ?? (() => undefined),
    ...(options.outDir ? { outDir: options.outDir } : {}),
    ...(options.force ? { force: true } : {}),
    ...(options.grid ? { grid: options.grid } : {}),
  });
}
