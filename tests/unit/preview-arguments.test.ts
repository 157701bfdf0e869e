// `broadsheet preview DIR [--port N] [--out OUTDIR]` as parseCommand reads it: a port from 0 to 65535 (4173 unless given).
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
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('parseCommand for preview', () => {
  it.each<[string[], Command]>([
    [['preview', 'manuscript/shanting'], { name: 'preview', dir: 'manuscript/shanting', port: 4173 }],
    [['preview', 'manuscript/shanting', '--port', '0'], { name: 'preview', dir: 'manuscript/shanting', port: 0 }],
    [['preview', 'manuscript/shanting', '-p', '8080'], { name: 'preview', dir: 'manuscript/shanting', port: 8080 }],
    [['preview', 'manuscript/shanting', '--port=65535', '--out', '/tmp/proof'], { name: 'preview', dir: 'manuscript/shanting', port: 65535, outDir: '/tmp/proof' }],
  ])('reads %j', (argv, command) => {
    expect(parseCommand(argv).command).toEqual(command);
  });

  it.each([['abc'], ['65536'], ['1.5'], ['-1'], ['4173abc'], ['NaN'], ['Infinity']])('refuses --port=%s with a usage error naming --port', (port) => {
    const error = usageErrorOf(['preview', 'manuscript/shanting', `--port=${port}`]);
    expect(error.entry.code).toBe('BS090');
    expect(error.message).toBe(`--port takes a port number from 0 to 65535, not ${port}.`);
  });

  // Number('') and Number(' ') are 0: an empty value (`--port "$PORT"` with PORT unset) silently means "any free port".
  it.each([[''], [' ']])('refuses an empty --port value (%j) instead of reading it as port 0', (port) => {
    expect(usageErrorOf(['preview', 'manuscript/shanting', `--port=${port}`]).message).toContain('--port takes a port number');
  });

  it('refuses --port on build, saying it is not an option there', () => {
    expect(usageErrorOf(['build', 'manuscript/shanting', '--port', '0']).message).toContain("unknown option '--port'");
  });

  it('refuses preview without a folder, or with two', () => {
    expect(usageErrorOf(['preview']).message).toContain("missing required argument 'dir'");
    expect(usageErrorOf(['preview', 'a', 'b']).message).toContain('too many arguments');
  });

  it('explains preview, its port and its aids in its help', () => {
    const command = parseCommand(['preview', '--help']).command;
    for (const words of ['broadsheet preview', '--port', '127.0.0.1', '0 picks a free one', 'Print PDF', 'Mark proofed']) expect(command.name === 'help' ? command.text : '').toContain(words);
  });
});
