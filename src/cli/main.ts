// The one top-level boundary: parses argv, resolves the project once, runs the command under one AbortSignal
// (Ctrl-C), prints errors without stack traces, and sets the exit code (0 done, 1 failed, 2 usage, 130 interrupted).
import { BroadsheetError } from '../errors/catalogue.ts';
import { fromSystemError } from '../errors/system-errors.ts';
import { resolveProject, toolVersion } from '../project/resolve.ts';
import { parseCommand, type Command, type GlobalOptions } from './arguments.ts';
import { runArchive, runBuild, runEdition, runInit, runPreflight, runPreview, runSearch, runServe, runVerify, type Context } from './commands.ts';
import { runRerender, runWorker, runWorkers } from './queue-commands.ts';
import { createReporter, type Reporter } from './report.ts';

type Runnable = Exclude<Command, { name: 'help' | 'version' | 'init' }>;

/** Ctrl-C and SIGTERM abort the one signal every step watches, and end a proof session. */
function interruption() {
  const controller = new AbortController();
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const interrupt = () => {
    controller.abort(new BroadsheetError('Interrupted', 'Interrupted (Ctrl-C); nothing was written.'));
    stop();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  return { signal: controller.signal, stopped, release: () => (process.off('SIGINT', interrupt), process.off('SIGTERM', interrupt)) };
}

async function execute(command: Command, global: GlobalOptions, report: Reporter): Promise<number> {
  if (command.name === 'help') {
    process.stdout.write(`${command.text}\n`);
    return 0;
  }
  const interrupted = interruption();
  try {
    if (command.name === 'init') return await runInit(command, { report });
    if (command.name === 'version') {
      report.result(`broadsheet ${toolVersion()}`);
      report.done({ version: toolVersion() });
      return 0;
    }
    const project = await resolveProject({
      cwd: process.cwd(),
      env: process.env,
      ...(global.config ? { configFile: global.config } : {}),
      ...('archive' in command && command.archive ? { archiveDir: command.archive } : {}),
      ...(global.pdfx ? { pdfx: global.pdfx } : {}),
      ...(global.marks ? { marks: true } : {}),
    });
    report.step(project.configFile ? `house config: ${project.configFile}` : 'no house config: Broadsheet’s own defaults');
    const context: Context = { project, signal: interrupted.signal, report, stopped: interrupted.stopped };
    return await run(command, context);
  } catch (error) {
    // Whatever a step threw once Ctrl-C was pressed, the user stopped it: say that, with its exit code.
    if (interrupted.signal.aborted && interrupted.signal.reason instanceof BroadsheetError && !(error instanceof BroadsheetError && error.entry.exit === 130)) throw interrupted.signal.reason;
    throw error;
  } finally {
    interrupted.release();
  }
}

function run(command: Runnable, context: Context): Promise<number> {
  switch (command.name) {
    case 'build':
      return runBuild(command, context);
    case 'preview':
      return runPreview(command, context);
    case 'edition':
      return runEdition(command, context);
    case 'archive':
      return runArchive(command, context);
    case 'verify':
      return runVerify(command, context);
    case 'search':
      return runSearch(command, context);
    case 'preflight':
      return runPreflight(command, context);
    case 'serve':
      return runServe(command, context);
    case 'rerender':
      return runRerender(command, context);
    case 'worker':
      return runWorker(command, context);
    case 'workers':
      return runWorkers(command, context);
  }
}

let global: GlobalOptions = { json: false, quiet: false, verbose: false };
let report: Reporter = createReporter(global);
try {
  const parsed = parseCommand(process.argv.slice(2));
  global = parsed.global;
  report = createReporter(global);
  const code = await execute(parsed.command, global, report);
  if (global.json && parsed.command.name !== 'help') process.stdout.write(report.document({ ok: code === 0, exitCode: code }));
  process.exitCode = code;
} catch (error) {
  const failure = error instanceof BroadsheetError ? error : (fromSystemError(error) ?? null);
  // An error that is not in the catalogue is a bug: it says so, and ends with 70 (EX_SOFTWARE).
  const exitCode = failure ? failure.entry.exit : 70;
  if (global.json) {
    const described = failure
      ? { code: failure.entry.code, title: failure.entry.title, message: failure.message, details: failure.details, diagnostics: failure.diagnostics, whatToDo: failure.entry.hint }
      : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
    process.stdout.write(report.document({ ok: false, exitCode, error: described }));
  } else if (failure) {
    console.error(failure.report());
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    console.error('This is a bug in Broadsheet; please report it with the manuscript that caused it.');
    if (process.env['BROADSHEET_DEBUG'] && error instanceof Error) console.error(error.stack);
  }
  process.exitCode = exitCode;
}
