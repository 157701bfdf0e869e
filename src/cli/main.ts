// The one top-level boundary: runs the command, prints errors without stack traces, and sets the exit code.
import { relative } from 'node:path';
import { readFileSync } from 'node:fs';
import { BroadsheetError } from '../errors/catalogue.ts';
import { parseCommand, usage } from './arguments.ts';

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.name) {
    case 'help':
      console.log(usage);
      return 0;
    case 'version': {
      const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
      const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : 'unknown';
      console.log(`broadsheet ${version}`);
      return 0;
    }
    case 'build': {
      const { build } = await import('../build.ts');
      const controller = new AbortController();
      const stop = () => controller.abort(new BroadsheetError('Interrupted', 'The build was interrupted; nothing was written.'));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const { name: _, ...options } = command;
      const result = await build({ ...options, signal: controller.signal });
      for (const warning of result.warnings) console.warn(warning);
      for (const problem of result.layout.problems) console.warn(`layout: ${problem.severity}: ${problem.rule}: ${problem.message}`);
      console.log(`built ${relative(process.cwd(), result.pdfPath) || result.pdfPath}`);
      console.log(`proof ${relative(process.cwd(), result.proofPath) || result.proofPath}`);
      return 0;
    }
    case 'edition': {
      const { buildEdition, writeEdition } = await import('../edition/build-edition.ts');
      const built = await buildEdition({ file: command.file });
      for (const warning of built.warnings) console.warn(warning);
      const folder = await writeEdition(built, command.outDir);
      console.log(`built ${built.pages.length} pages of ${built.edition.name} in ${relative(process.cwd(), folder) || folder}/ (edition.pdf, page-N.pdf, page-N.html)`);
      return 0;
    }
    case 'archive':
    case 'verify':
    case 'search': {
      const { runArchiveCommand } = await import('../archive/commands.ts');
      return runArchiveCommand(command, (line) => console.log(line));
    }
    case 'preview': {
      const { startPreview } = await import('../preview/run.ts');
      const { name: _, ...options } = command;
      const preview = await startPreview({ ...options, log: (line) => console.log(line) });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await preview.stop();
      return 0;
    }
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof BroadsheetError) {
    console.error(error.report());
    process.exitCode = error.entry.code === 'BS090' ? 2 : 1;
  } else {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    console.error('This is a bug in Broadsheet; please report it with the manuscript that caused it.');
    if (process.env['BROADSHEET_DEBUG'] && error instanceof Error) console.error(error.stack);
    process.exitCode = 70;
  }
}
