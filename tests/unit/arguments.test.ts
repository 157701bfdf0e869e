// parseCommand(): the command line becomes a command and its options, or a usage error; nothing else happens.
import { describe, expect, it } from 'vitest';
import { parseCommand, usage, type Command } from '../../src/cli/arguments.ts';
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

describe('parseCommand', () => {
  it.each<[string[], Command]>([
    [[], { name: 'help' }],
    [['--help'], { name: 'help' }],
    [['-h'], { name: 'help' }],
    [['help'], { name: 'help' }],
    [['--version'], { name: 'version' }],
    [['-v'], { name: 'version' }],
    [['build', 'manuscript/shanting'], { name: 'build', dir: 'manuscript/shanting' }],
    [['build', 'manuscript/shanting', '--out', '/tmp/out'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out' }],
    [['build', '-o', '/tmp/out', 'manuscript/shanting'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out' }],
    [['build', 'manuscript/shanting', '--out=/tmp/out', '--grid', 'tabloid'], { name: 'build', dir: 'manuscript/shanting', outDir: '/tmp/out', grid: 'tabloid' }],
    [['build', 'manuscript/shanting', '--page', '3', '--jump'], { name: 'build', dir: 'manuscript/shanting', page: 3, allowJump: true }],
    [['build', '--help'], { name: 'help', topic: 'build' }],
    [['build', 'manuscript/shanting', '-h'], { name: 'help', topic: 'build' }],
    [['build', '--', '--odd-folder-name'], { name: 'build', dir: '--odd-folder-name' }],
  ])('reads %j', (argv, command) => {
    expect(parseCommand(argv)).toEqual(command);
  });

  it.each([
    [['build'], 'needs the manuscript folder'],
    [['build', 'a', 'b'], 'takes one folder; also got b'],
    [['build', 'a', '--bogus'], '--bogus'],
    [['build', 'a', '--out'], '--out'],
    [['build', 'a', '--page', '0'], '--page takes a page number'],
    [['build', 'a', '--page', 'two'], '--page takes a page number'],
    [['bild', 'manuscript/shanting'], 'There is no command `bild`'],
  ])('refuses %j with a usage error saying what is wrong', (argv, words) => {
    const error = usageErrorOf(argv);
    expect(error.entry.code).toBe('BS090');
    expect(error.report()).toContain(words);
    expect(error.report()).toContain('broadsheet --help');
  });

  it('explains the build command, its options and an example in the usage text', () => {
    for (const words of ['broadsheet build DIR', '--out OUTDIR', '--grid', 'article.md', 'broadsheet --help | --version', 'manuscript/shanting']) {
      expect(usage).toContain(words);
    }
  });
});
