// Joins page PDFs into one edition PDF with bookmarks: one per page, and under it one per article.
import { dayOf } from './finish.ts';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef, type PDFDict } from 'pdf-lib';
import { loadPdf, savePdf } from './pdf-file.ts';

export interface BookmarkedPage {
  readonly pdf: Uint8Array;
  /** e.g. "第2版 本地" or "Page 3 World". */
  readonly title: string;
  readonly articles: readonly string[];
}

export async function combinePages(options: { pages: readonly BookmarkedPage[]; title: string; lang: string; date: string; producer: string }): Promise<Uint8Array> {
  const edition = await PDFDocument.create({ updateMetadata: false });
  const firstPageOf: PDFRef[] = [];
  for (const page of options.pages) {
    const source = await loadPdf(page.pdf);
    const copied = await edition.copyPages(source, source.getPageIndices());
    copied.forEach((copy, index) => {
      edition.addPage(copy);
      if (index === 0) firstPageOf.push(copy.ref);
    });
  }
  const { context } = edition;
  const outlineRef = context.nextRef();
  const destination = (ref: PDFRef) => context.obj([ref, PDFName.of('Fit')]);
  const pageRefs = options.pages.map(() => context.nextRef());
  options.pages.forEach((page, index) => {
    const pageRef = pageRefs[index];
    const target = firstPageOf[index];
    if (!pageRef || !target) return;
    const articleRefs = page.articles.map(() => context.nextRef());
    page.articles.forEach((title, articleIndex) => {
      const ref = articleRefs[articleIndex];
      if (!ref) return;
      const item: PDFDict = context.obj({ Title: PDFHexString.fromText(title), Parent: pageRef, Dest: destination(target) });
      const previous = articleRefs[articleIndex - 1];
      const next = articleRefs[articleIndex + 1];
      if (previous) item.set(PDFName.of('Prev'), previous);
      if (next) item.set(PDFName.of('Next'), next);
      context.assign(ref, item);
    });
    const item: PDFDict = context.obj({ Title: PDFHexString.fromText(page.title), Parent: outlineRef, Dest: destination(target) });
    const previous = pageRefs[index - 1];
    const next = pageRefs[index + 1];
    if (previous) item.set(PDFName.of('Prev'), previous);
    if (next) item.set(PDFName.of('Next'), next);
    const first = articleRefs[0];
    const last = articleRefs[articleRefs.length - 1];
    if (first && last) {
      item.set(PDFName.of('First'), first);
      item.set(PDFName.of('Last'), last);
      item.set(PDFName.of('Count'), PDFNumber.of(articleRefs.length));
    }
    context.assign(pageRef, item);
  });
  const firstPage = pageRefs[0];
  const lastPage = pageRefs[pageRefs.length - 1];
  if (firstPage && lastPage) {
    context.assign(outlineRef, context.obj({ Type: 'Outlines', First: firstPage, Last: lastPage, Count: PDFNumber.of(pageRefs.length) }));
    edition.catalog.set(PDFName.of('Outlines'), outlineRef);
    edition.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  edition.setTitle(options.title, { showInWindowTitleBar: true });
  edition.setLanguage(options.lang);
  edition.setCreator('Broadsheet');
  edition.setProducer(options.producer);
  edition.setCreationDate(dayOf(options.date));
  edition.setModificationDate(dayOf(options.date));
  const id = PDFHexString.fromText(options.title.slice(0, 64));
  context.trailerInfo.ID = context.obj([id, id]);
  return savePdf(edition);
}
