// Nothing of the user's is lost to an output folder, as a desk would try it from the command line: `build --out .` in
// a folder of other work, `--out` onto the manuscript, an edition or a proof session pointed at somebody's folder, and a
// rebuild of Broadsheet's own folder after the desk put a file in it. The refusals come before Chromium starts.
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';

interface Run {
  readonly status: number | null;
  readonly output: string;
}

function broadsheet(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(projectRoot, 'bin/broadsheet.js'), ...args], { cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, output: stdout + stderr });
    });
  });
}

/** The same with no Chromium to start: a refusal that comes first is the only error it can give. */
const withoutChromium = (cwd: string, ...args: string[]): Promise<Run> => {
  const previous = process.env['BROADSHEET_CHROMIUM'];
  process.env['BROADSHEET_CHROMIUM'] = '/nonexistent/chromium';
  try {
    return broadsheet(cwd, ...args);
  } finally {
    if (previous === undefined) delete process.env['BROADSHEET_CHROMIUM'];
    else process.env['BROADSHEET_CHROMIUM'] = previous;
  }
};

/** Every file under `dir` with its contents: what must survive, byte for byte. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name), 'latin1'));
  }
  return files;
}

let temp: TempFolder;
let desk: string;
beforeAll(async () => {
  temp = await tempFolder('ownership-cli');
  // A desk's working folder: a story to build, a sibling story, and notes.
  desk = join(temp.path, 'desk');
  await mkdir(join(desk, 'brief'), { recursive: true });
  await writeFile(join(desk, 'brief/article.md'), '---\nheadline: Ferry times change on Monday\nlang: en-GB\n---\n\nThe first ferry leaves at 6.40 from Monday, twenty minutes earlier than now.\n\nThe harbour office says the late boat is unchanged.\n');
  await mkdir(join(desk, 'sibling'), { recursive: true });
  await writeFile(join(desk, 'sibling/article.md'), '---\nheadline: Another story\n---\n\nIts text.\n');
  await writeFile(join(desk, 'notes.txt'), 'Call the harbour office before six.\n');
});
afterAll(async () => temp?.remove());

describe('an output folder that is not Broadsheet’s', () => {
  it('`build brief --out .` in the folder that holds the story and other work exits 2, saying the output would hold the manuscript, and every file survives', async () => {
    const before = await snapshot(desk);
    const run = await broadsheet(desk, 'build', 'brief', '--out', '.');
    expect(run.status).toBe(2);
    expect(run.output).toContain('BS052');
    expect(run.output).toMatch(/The output folder \. holds brief/);
    expect(await snapshot(desk)).toEqual(before);
  });

  it('`build brief --out brief` (the manuscript folder) exits 2 and keeps article.md', async () => {
    const before = await snapshot(desk);
    const run = await broadsheet(desk, 'build', 'brief', '--out', 'brief');
    expect(run.status).toBe(2);
    expect(run.output).toContain('is the manuscript folder');
    expect(await snapshot(desk)).toEqual(before);
  });

  it('`--out` onto another story’s folder exits 1 naming what is there and what to do; `--force` does not change that', async () => {
    const before = await snapshot(desk);
    const run = await withoutChromium(desk, 'build', 'brief', '--out', 'sibling');
    expect(run.status).toBe(1);
    expect(run.output).toContain('BS051');
    expect(run.output).toMatch(/The output folder sibling already holds files Broadsheet did not write \(article\.md\)/);
    expect(run.output).toContain('--out NEW');
    const forced = await broadsheet(desk, 'build', 'brief', '--out', 'sibling', '--force');
    expect(forced.status).toBe(1);
    expect(forced.output).toContain('--force rebuilds only a folder Broadsheet made');
    expect(await snapshot(desk)).toEqual(before);
  });

  it('an edition and a proof session pointed at a folder of other work are refused the same way, before Chromium starts', async () => {
    const before = await snapshot(desk);
    const edition = await withoutChromium(projectRoot, 'edition', 'manuscript/edition.yaml', '--out', desk);
    expect(edition.status).toBe(1);
    expect(edition.output).toContain('BS051');
    expect(edition.output).toContain('notes.txt');
    const proof = await withoutChromium(desk, 'preview', 'brief', '--port', '0', '--out', 'sibling');
    expect(proof.status).toBe(1);
    expect(proof.output).toContain('BS051');
    // Holding the edition's own manuscripts: refused as the manuscript.
    const over = await withoutChromium(projectRoot, 'edition', 'manuscript/edition.yaml', '--out', 'manuscript');
    expect(over.status).toBe(2);
    expect(over.output).toContain('BS052');
    expect(await snapshot(desk)).toEqual(before);
  });
});

describe('Broadsheet’s own output folder', () => {
  it('is rebuilt in place; with a file the desk added it is refused, and --force rebuilds it keeping that file', async () => {
    const out = join(desk, 'out');
    const first = await broadsheet(desk, 'build', 'brief', '--out', 'out');
    expect(first.status, first.output).toBe(0);
    const second = await broadsheet(desk, 'build', 'brief', '--out', 'out');
    expect(second.status, second.output).toBe(0);
    await writeFile(join(out, 'corrections.txt'), 'Para 2: the ferry leaves at 6.40.\n');
    const refused = await broadsheet(desk, 'build', 'brief', '--out', 'out');
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('corrections.txt was added to it since');
    const forced = await broadsheet(desk, 'build', 'brief', '--out', 'out', '--force');
    expect(forced.status, forced.output).toBe(0);
    expect(await readFile(join(out, 'corrections.txt'), 'utf8')).toBe('Para 2: the ferry leaves at 6.40.\n');
    expect((await readdir(out)).sort()).toEqual(expect.arrayContaining(['.broadsheet-output.json', 'brief.pdf', 'brief.screen.pdf', 'corrections.txt', 'index.html']));
    expect(await readFile(join(desk, 'notes.txt'), 'utf8')).toBe('Call the harbour office before six.\n');
  });
});
