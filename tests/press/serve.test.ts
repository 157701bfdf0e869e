// `broadsheet serve` as a script on the same machine uses it: started from the command line, asked over HTTP on
// 127.0.0.1, it builds article after article in the press it keeps warm, prints a photo replaced under its own name
// as it is now, and refuses what is not a script's build request.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadsheetBin } from '../helpers/archive-cli.ts';
import { projectRoot, tempFolder, type TempFolder } from '../helpers/paths.ts';
import { lookDistance, lookOf, pdfInfo, pdfText, placedLooks } from '../helpers/poppler.ts';

interface Built {
  readonly ok: boolean;
  readonly pdf: string;
  readonly screen: string;
  readonly preflightPassed: boolean;
  readonly stages: Record<string, number>;
  readonly error?: string;
  readonly message?: string;
}

let temp: TempFolder;
let server: ChildProcess;
let url: string;
let harbour: string;

beforeAll(async () => {
  temp = await tempFolder('serve');
  harbour = join(temp.path, 'harbour');
  await cp(join(projectRoot, 'manuscript/harbour'), harbour, { recursive: true });
  server = spawn(process.execPath, [broadsheetBin, 'serve', '--port', '0'], { cwd: temp.path, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((found, failed) => {
    let said = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const match = /build server at (http:\/\/[^/\s]+\/)/.exec(said);
      if (match?.[1]) found(match[1]);
    });
    server.once('exit', (code) => failed(new Error(`serve exited with ${code}: ${said}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGINT');
    await new Promise((done) => server.once('exit', done));
  }
  await temp?.remove();
});

async function ask(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; answer: Built }> {
  const response = await fetch(`${url}build`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, answer: (await response.json()) as Built };
}

describe('broadsheet serve', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('builds an article on POST /build: a press PDF that passed preflight, and where the time went', async () => {
    const { status, answer } = await ask({ dir: 'harbour', out: 'out-1' });
    expect(status, answer.message).toBe(200);
    expect(answer.preflightPassed).toBe(true);
    expect(answer.pdf).toBe(join(temp.path, 'out-1', 'harbour.pdf'));
    expect(pdfInfo(answer.pdf).get('Title')).toContain('Harbour ferry');
    expect(Object.keys(answer.stages)).toEqual(expect.arrayContaining(['compose', 'load page', 'lay out', 'print', 'PDF/X (Broadsheet)', 'preflight']));
  });

  it('sets the next article in the page it kept, and prints a photo replaced under its own name as it is now', async () => {
    const ferry = join(harbour, 'images/ferry.jpg');
    const crane = await readFile(join(harbour, 'images/crane.jpg'));
    const ferryLook = await lookOf(await readFile(ferry));
    const craneLook = await lookOf(crane);
    expect(lookDistance(ferryLook, craneLook)).toBeGreaterThan(10);
    await writeFile(ferry, crane);
    const { status, answer } = await ask({ dir: 'harbour', out: 'out-2' });
    expect(status, answer.message).toBe(200);
    // No page loaded: the page of the first build took this one in, its fonts and styles loaded.
    expect(answer.stages['load page']).toBeUndefined();
    const placed = await placedLooks(answer.screen);
    expect(placed.length).toBe(2);
    for (const photo of placed) expect(lookDistance(photo.look, craneLook)).toBeLessThan(8);
  });

  it('counts its builds in GET /status', async () => {
    const status = (await (await fetch(`${url}status`)).json()) as { builds: number; launches: number };
    expect(status.builds).toBe(2);
    expect(status.launches).toBe(1);
  });

  it('finishes a page printed again unchanged once: the same article again takes the copies of the last build, an edited one is finished afresh', async () => {
    const again = await ask({ dir: 'harbour', out: 'out-again' });
    expect(again.status, again.answer.message).toBe(200);
    // Printed, but not finished again: no press copy, plates or soft proof made.
    expect(again.answer.stages['print']).toBeGreaterThan(0);
    for (const stage of ['press copy', 'ink plates', 'soft proof', 'preflight']) expect(again.answer.stages[stage], stage).toBeUndefined();
    expect(Buffer.compare(await readFile(again.answer.pdf), await readFile(join(temp.path, 'out-2', 'harbour.pdf')))).toBe(0);
    expect(again.answer.preflightPassed).toBe(true);
    const status = (await (await fetch(`${url}status`)).json()) as { copiesReused: number; copiesKept: number };
    expect(status.copiesReused).toBe(1);
    expect(status.copiesKept).toBe(2);

    const article = join(harbour, 'article.md');
    const text = await readFile(article, 'utf8');
    await writeFile(article, text.replace(/\n\n([A-Z])/, '\n\nZanzibar quay. $1'));
    const edited = await ask({ dir: 'harbour', out: 'out-edited' });
    expect(edited.status, edited.answer.message).toBe(200);
    for (const stage of ['press copy', 'ink plates', 'soft proof', 'preflight']) expect(edited.answer.stages[stage], stage).toBeGreaterThan(0);
    expect(pdfText(edited.answer.pdf).replace(/\s+/g, ' ')).toContain('Zanzibar quay.');
    expect(pdfText(again.answer.pdf)).not.toContain('Zanzibar');
    await writeFile(article, text);
  });

  it('says what is wrong with a manuscript that cannot be built, and goes on serving', async () => {
    const missing = await ask({ dir: 'no-such-manuscript' });
    expect(missing.status).toBe(422);
    expect(missing.answer.error).toMatch(/^BS\d{3}$/);
    expect(missing.answer.message).toContain('no-such-manuscript');
    const again = await ask({ dir: 'harbour', out: 'out-3' });
    expect(again.status).toBe(200);
  });

  it('refuses a page in a browser (an Origin), a body that is not JSON, and fields it does not know', async () => {
    expect((await ask({ dir: 'harbour' }, { 'content-type': 'application/json', origin: 'http://example.org' })).status).toBe(403);
    expect((await ask('dir=harbour', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await ask('{"dir": ')).status).toBe(400);
    const unknown = await ask({ dir: 'harbour', output: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.answer.message).toContain('"output"');
  });
});
