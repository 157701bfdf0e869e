// Chromium names a tagged table's header cells after DOM node numbers, a count of its renderer process: the same page
// set in a tab that set other pages first gets other names. Numbered again in tree order, the bytes are the same.
import { PDFDocument, PDFName, PDFString, type PDFDict, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { numberStructureIds } from '../../src/pdf/structure-ids.ts';

/** A one-page tagged PDF with a table: two header cells named `node<first>`, `node<first+1>`, a data cell naming both. */
async function taggedTable(first: number): Promise<PDFDocument> {
  const document = await PDFDocument.create();
  document.addPage();
  const { context } = document;
  const name = (n: number) => PDFString.of(`node${String(n).padStart(8, '0')}`);
  const th1 = context.register(context.obj({ Type: 'StructElem', S: 'TH', ID: name(first) }));
  const th2 = context.register(context.obj({ Type: 'StructElem', S: 'TH', ID: name(first + 1) }));
  const td = context.register(context.obj({ Type: 'StructElem', S: 'TD', A: [context.obj({ O: 'Table', Headers: [name(first), name(first + 1)] })] }));
  const table = context.register(context.obj({ Type: 'StructElem', S: 'Table', K: [th1, th2, td] }));
  const leaf = context.register(context.obj({ Limits: [name(first), name(first + 1)], Names: [name(first), th1, name(first + 1), th2] }));
  const tree = context.register(context.obj({ Kids: [leaf] }));
  document.catalog.set(PDFName.of('StructTreeRoot'), context.register(context.obj({ Type: 'StructTreeRoot', K: table, IDTree: tree })));
  return document;
}

const textOf = (value: unknown) => (value instanceof PDFString ? value.decodeText() : undefined);

describe('numberStructureIds', () => {
  it('names the elements in tree order, and the /Headers and ID tree that name them', async () => {
    const document = await taggedTable(368);
    expect(numberStructureIds(document)).toBe(2);
    const root = document.catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict;
    const table = root.lookup(PDFName.of('K')) as PDFDict;
    const kids = table.lookup(PDFName.of('K')) as unknown as { asArray(): PDFRef[] };
    const [th1, th2, td] = kids.asArray().map((ref) => document.context.lookup(ref) as PDFDict);
    expect(textOf(th1?.get(PDFName.of('ID')))).toBe('node00000001');
    expect(textOf(th2?.get(PDFName.of('ID')))).toBe('node00000002');
    const attributes = (td?.lookup(PDFName.of('A')) as unknown as { get(i: number): PDFDict }).get(0);
    const headers = attributes.lookup(PDFName.of('Headers')) as unknown as { asArray(): unknown[] };
    expect(headers.asArray().map(textOf)).toEqual(['node00000001', 'node00000002']);
    const tree = root.lookup(PDFName.of('IDTree')) as PDFDict;
    const names = tree.lookup(PDFName.of('Names')) as unknown as { asArray(): unknown[] };
    expect(names.asArray().filter((item) => item instanceof PDFString).map(textOf)).toEqual(['node00000001', 'node00000002']);
  });

  it('makes the same bytes of the same page whatever numbers Chromium gave it, leaving no old name behind', async () => {
    const saved = async (first: number) => {
      const document = await taggedTable(first);
      numberStructureIds(document);
      return Buffer.from(await document.save({ useObjectStreams: false }));
    };
    const [a, b] = [await saved(368), await saved(9120)];
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).not.toContain('node00000368');
  });

  it('leaves a PDF without structure IDs alone', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    expect(numberStructureIds(document)).toBe(0);
  });
});
