// parseCommand(): the command line becomes a command and its options, or a usage error (exit 2) saying what is wrong
// with "did you mean"; every command has its help; nothing else happens.
import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../src/cli/arguments.ts';
import { BroadsheetError } from '../../src/errors/catalogue.ts';

function usageErrorOf(argv: readonly string[]): BroadsheetError {
  try {
    parseCommand(argv);
  } catch (error) {
    if (error instanceof BroadsheetError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

const commandOf = (argv: readonly string[]): Command => parseCommand(argv).command;

describe('parseCommand', () => {
  it.each<[string[], Command]>([
    [['--version'], { name: 'version' }],
    [['-v'], { name: 'version' }],
    [['build', 'manuscript/shanting'], { name: 'build', dir: 'manuscript/shanting' }],
    [['build', 'manuscript/shanting', '--out', '/tmp/out'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out' }],
    [['build', '-o', '/tmp/out', 'manuscript/shanting'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out' }],
    [['build', 'manuscript/shanting', '--out=/tmp/out', '--grid', 'tabloid'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out', grid: 'tabloid' }],
    [['build', 'manuscript/shanting', '--page', '3', '--jump'], { name: 'build', dir: 'manuscript/shanting', page: 3, allowJump: true }],
    [['build', '--', '--odd-folder-name'], { name: 'build', dir: '--odd-folder-name' }],
    [['edition', 'manuscript/edition.yaml', '--out', 'x'], { name: 'edition', file: 'manuscript/edition.yaml', outDir: 'x' }],
    [['verify'], { name: 'verify' }],
    [['search', '山亭区', '--from', '2021-01-01'], { name: 'search', query: '山亭区', from: '2021-01-01' }],
    [['init'], { name: 'init', dir: '.' }],
    [['edition', 'e.yaml', '--queue', 'redis://10.0.0.5:6379'], { name: 'edition', file: 'e.yaml', queue: 'redis://10.0.0.5:6379' }],
    [['archive', 'e.yaml', '--queue', 'redis://h:1'], { name: 'archive', file: 'e.yaml', queue: 'redis://h:1' }],
    [['rerender', '--from', '2015-01-01', '--to', '2015-12-31', '--queue', 'redis://h:1'], { name: 'rerender', from: '2015-01-01', to: '2015-12-31', queue: 'redis://h:1' }],
    [['rerender'], { name: 'rerender' }],
    [['edition', 'e.yaml', '--no-queue'], { name: 'edition', file: 'e.yaml', queue: false }],
    [['worker', '--queue', 'redis://h:1'], { name: 'worker', queue: 'redis://h:1', restartAfter: 50, jobTimeout: 180, stall: 30 }],
    [['worker', '--queue', 'redis://h:1', '--name', 'press-2', '--concurrency', '3', '--restart-after', '10', '--job-timeout', '60', '--stall', '5'], { name: 'worker', queue: 'redis://h:1', workerName: 'press-2', concurrency: 3, restartAfter: 10, jobTimeout: 60, stall: 5 }],
    [['workers', '--queue', 'redis://h:1'], { name: 'workers', queue: 'redis://h:1' }],
  ])('reads %j', (argv, command) => {
    expect(commandOf(argv)).toEqual(command);
  });

  it('reads the press options, --pdfx 1a|4 and --marks, before or after the command, and refuses another PDF/X', () => {
    expect(parseCommand(['--pdfx', '1a', 'build', 'a']).global).toMatchObject({ pdfx: '1a' });
    expect(parseCommand(['edition', 'e.yaml', '--pdfx', '4', '--marks']).global).toMatchObject({ pdfx: '4', marks: true });
    expect(parseCommand(['build', 'a']).global).not.toHaveProperty('pdfx');
    const error = usageErrorOf(['build', 'a', '--pdfx', '3']);
    expect(error.entry.exit).toBe(2);
    expect(error.message).toMatch(/--pdfx.*4, 1a/);
  });

  it('reads `preflight FILE` with the grid whose trim the page must have', () => {
    expect(commandOf(['preflight', 'dist/a/a.pdf'])).toEqual({ name: 'preflight', file: 'dist/a/a.pdf' });
    expect(commandOf(['preflight', 'p.pdf', '--grid', 'tabloid'])).toEqual({ name: 'preflight', file: 'p.pdf', grid: 'tabloid' });
    expect(usageErrorOf(['preflight']).entry.exit).toBe(2);
  });

  it('reads the options every command shares, before or after the command', () => {
    expect(parseCommand(['--json', '--config', 'house/broadsheet.config.yaml', 'build', 'a']).global).toEqual({ config: 'house/broadsheet.config.yaml', json: true, quiet: false, verbose: false });
    expect(parseCommand(['-q', 'verify']).global.quiet).toBe(true);
  });

  it.each([[[]], [['--help']], [['-h']], [['help']], [['build', '--help']], [['build', 'manuscript/shanting', '-h']], [['archive', '--help']]])('gives help for %j', (argv) => {
    const command = commandOf(argv);
    expect(command.name).toBe('help');
    expect(command.name === 'help' ? command.text : '').toMatch(/Usage: broadsheet/);
  });

  it('has help for every command, with its options', () => {
    for (const [name, words] of [
      ['build', ['--out', '--grid', '--page', '--jump']],
      ['preview', ['--port', '127.0.0.1', 'Print PDF']],
      ['edition', ['edition file', '--out']],
      ['archive', ['--archive', 'PDF/A']],
      ['verify', ['entry']],
      ['search', ['--from', '--to']],
      ['init', ['house folder']],
      ['rerender', ['--from', '--to', '--queue', 'new revision']],
      ['worker', ['--queue', '--concurrency', '--restart-after', '--job-timeout', '--stall']],
      ['workers', ['--queue', 'health']],
    ] as const) {
      const command = commandOf([name, '--help']);
      for (const word of words) expect(command.name === 'help' ? command.text : '', `${name} --help`).toContain(word);
    }
    expect(commandOf(['--help']).name === 'help' && commandOf(['--help'])).toBeTruthy();
  });

  it.each([
    [['build'], "missing required argument 'dir'"],
    [['build', 'a', 'b'], 'too many arguments'],
    [['build', 'a', '--bogus'], "unknown option '--bogus'"],
    [['build', 'a', '--ot', 'x'], 'Did you mean --out?'],
    [['build', 'a', '--out'], '--out'],
    [['build', 'a', '--page', '0'], '--page takes a page number'],
    [['build', 'a', '--page', 'two'], '--page takes a page number'],
    [['bild', 'manuscript/shanting'], 'Did you mean build?'],
    [['search', 'x', '--from', '2021/01/01'], '--from takes a day written YYYY-MM-DD'],
    [['worker'], "required option '--queue <url>'"],
    [['worker', '--queue', 'redis://h:1', '--concurrency', '0'], '--concurrency takes a whole number from 1'],
    [['rerender', '--to', 'yesterday'], '--to takes a day written YYYY-MM-DD'],
  ])('refuses %j with a usage error (exit 2) saying what is wrong', (argv, words) => {
    const error = usageErrorOf(argv);
    expect(error.entry.code).toBe('BS090');
    expect(error.entry.exit).toBe(2);
    expect(error.report()).toContain(words);
    expect(error.report()).toContain('broadsheet --help');
  });
});
