// A warm press's finished copies: taken again only for the same print (Chromium's two dates aside), the same facts,
// rules and layout, and the same press profile; bounded in bytes, the copies used longest ago given up first.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedCopies, printKey } from '../../src/render/finished-copies.ts';

/** The head of a PDF as Chromium prints it: its Info dictionary with the two dates, then the rest of the file. */
const printed = (stamp: string, body = 'BT /F1 10 Tf (page) Tj ET') =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj\n<</Creator (Chromium)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}+00'00')\n/ModDate (D:${stamp}+00'00')>>\nendobj\n2 0 obj\n<</Length 9>>\nstream\n${body}\nendstream\nendobj\n%%EOF\n`);

let folder: string;
let profile: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'finished-copies-'));
  profile = join(folder, 'press.icc');
  await writeFile(profile, 'profile one');
});
afterAll(async () => rm(folder, { recursive: true, force: true }));

describe('the key of a print’s finished copies', () => {
  const context = { facts: { title: 'Harbour' }, rules: { tac: 240 } };

  it('is the same for the same page printed at another time', async () => {
    expect(await printKey(printed('20261203174706'), context, profile)).toBe(await printKey(printed('20261203180001'), context, profile));
  });

  it('is the same for the same page set again in the same tab, whose structure elements Chromium names after new DOM nodes', async () => {
    const named = (first: number) => `<</S /TH /ID (node${String(first).padStart(8, '0')})>> <</S /TD /A [<</O /Table /Headers [(node${String(first).padStart(8, '0')})]>>]>> <</S /TH /ID (node${String(first + 1).padStart(8, '0')})>>`;
    const once = await printKey(printed('20261203174706', named(544)), context, profile);
    expect(await printKey(printed('20261203174706', named(1544)), context, profile)).toBe(once);
    // Named otherwise than by a new count (the header cell a data cell points to is another one): another page.
    expect(await printKey(printed('20261203174706', named(544).replace('Headers [(node00000544)]', 'Headers [(node00000545)]')), context, profile)).not.toBe(once);
  });

  it('differs for a page that printed otherwise, other facts or rules, or a profile with other contents under the same name', async () => {
    const first = await printKey(printed('20261203174706'), context, profile);
    expect(await printKey(printed('20261203174706', 'BT /F1 10 Tf (Page) Tj ET'), context, profile)).not.toBe(first);
    expect(await printKey(printed('20261203174706'), { ...context, rules: { tac: 220 } }, profile)).not.toBe(first);
    expect(await printKey(printed('20261203174706'), { ...context, facts: { title: 'Harbor' } }, profile)).not.toBe(first);
    await writeFile(profile, 'profile two');
    expect(await printKey(printed('20261203174706'), context, profile)).not.toBe(first);
  });
});

describe('the finished copies kept', () => {
  const copies = (name: string, bytes: number) => ({ name, bytes });

  it('finishes a key once and gives the same copies again', async () => {
    const kept = finishedCopies<{ name: string; bytes: number }>({ bytes: 100, sizeOf: (made) => made.bytes });
    let made = 0;
    const finish = async () => copies(`made ${++made}`, 10);
    const first = await kept.take('a', finish);
    const again = await kept.take('a', finish);
    expect(again).toBe(first);
    expect(made).toBe(1);
    expect([kept.hits, kept.kept]).toEqual([1, 1]);
  });

  it('keeps no copies whose finishing failed', async () => {
    const kept = finishedCopies<{ name: string; bytes: number }>({ bytes: 100, sizeOf: (made) => made.bytes });
    await expect(kept.take('a', () => Promise.reject(new Error('Ghostscript stopped')))).rejects.toThrow('Ghostscript stopped');
    expect((await kept.take('a', async () => copies('second try', 10))).name).toBe('second try');
    expect(kept.hits).toBe(0);
  });

  it('stays within its bytes, giving up the copies used longest ago, and never keeps copies larger than all it may hold', async () => {
    const kept = finishedCopies<{ name: string; bytes: number }>({ bytes: 100, sizeOf: (made) => made.bytes });
    for (const key of ['a', 'b', 'c']) await kept.take(key, async () => copies(key, 40));
    expect(kept.kept).toBe(2);
    // b and c are kept; a is made again, and b, used longest ago, goes.
    await kept.take('c', async () => copies('c again', 40));
    expect((await kept.take('a', async () => copies('a again', 40))).name).toBe('a again');
    expect((await kept.take('c', async () => copies('c thrice', 40))).name).toBe('c');
    expect((await kept.take('b', async () => copies('b again', 40))).name).toBe('b again');
    await kept.take('huge', async () => copies('huge', 101));
    expect((await kept.take('huge', async () => copies('huge again', 101))).name).toBe('huge again');
  });
});
