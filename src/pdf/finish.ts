// The pdf stage: writes the document facts (title, author, subject, language, dates) so that the same input gives the same file.
import { PDFDocument, PDFHexString } from 'pdf-lib';
import type { FrontMatter } from '../manuscript/front-matter.ts';

export interface PdfFacts {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly lang: string;
  /** YYYY-MM-DD: the creation date, so two builds of the same input give the same bytes. */
  readonly date?: string;
  readonly producer: string;
}

export function articleFacts(frontMatter: FrontMatter, producer: string): PdfFacts {
  const subject = [frontMatter.kicker, frontMatter.deck, frontMatter.section].filter((part) => part !== undefined).join(' — ');
  return {
    title: frontMatter.headline,
    lang: frontMatter.lang,
    producer,
    ...(frontMatter.byline.length > 0 ? { author: frontMatter.byline.join('; ') } : {}),
    ...(subject ? { subject } : {}),
    ...(frontMatter.date ? { date: frontMatter.date } : {}),
  };
}

/** Writes the facts into a loaded document (Info and a fixed ID). */
export function writeFacts(document: PDFDocument, facts: PdfFacts): void {
  document.setTitle(facts.title, { showInWindowTitleBar: true });
  if (facts.author) document.setAuthor(facts.author);
  if (facts.subject) document.setSubject(facts.subject);
  document.setLanguage(facts.lang);
  document.setCreator('Broadsheet');
  document.setProducer(facts.producer);
  const day = dayOf(facts.date);
  document.setCreationDate(day);
  document.setModificationDate(day);
  // A fixed document ID: derived from nothing that changes between two builds of the same input.
  const id = PDFHexString.fromText(`${facts.date ?? 'undated'} ${facts.title}`.slice(0, 64));
  document.context.trailerInfo.ID = document.context.obj([id, id]);
}

/** Noon UTC of the day: the same calendar day in every time zone a reader may be in; undated work gets a fixed day. */
export function dayOf(date: string | undefined): Date {
  if (!date) return new Date(Date.UTC(2000, 0, 1, 12));
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1, 12));
}
