// The pdf stage: writes the document facts (title, author, subject, language, dates) so that the same input gives the same file.
import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { FrontMatter } from '../manuscript/front-matter.ts';

export interface PdfFacts {
  readonly frontMatter: FrontMatter;
  readonly producer: string;
}

export async function finishPdf(options: { pdf: Uint8Array; facts: PdfFacts }): Promise<Uint8Array> {
  const { frontMatter } = options.facts;
  const document = await PDFDocument.load(options.pdf, { updateMetadata: false });
  document.setTitle(frontMatter.headline, { showInWindowTitleBar: true });
  if (frontMatter.byline.length > 0) document.setAuthor(frontMatter.byline.join('; '));
  const subject = [frontMatter.kicker, frontMatter.deck, frontMatter.section].filter((part) => part !== undefined).join(' — ');
  if (subject) document.setSubject(subject);
  document.setLanguage(frontMatter.lang);
  document.setCreator('Broadsheet');
  document.setProducer(options.facts.producer);
  const day = articleDay(frontMatter.date);
  document.setCreationDate(day);
  document.setModificationDate(day);
  // A fixed document ID: derived from nothing that changes between two builds of the same input.
  const id = PDFHexString.fromText(`${frontMatter.date ?? 'undated'} ${frontMatter.headline}`.slice(0, 64));
  document.context.trailerInfo.ID = document.context.obj([id, id]);
  return document.save({ useObjectStreams: false });
}

/** Noon UTC of the article's day: the same calendar day in every time zone a reader may be in. */
function articleDay(date: string | undefined): Date {
  if (!date) return new Date(Date.UTC(2000, 0, 1, 12));
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1, 12));
}
