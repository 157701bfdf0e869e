// Every Chinese character of the sample article comes back out of the PDF, in the order a reader reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSample, type SampleBuild } from '../helpers/build.ts';
import { pdfText } from '../helpers/poppler.ts';
import { readSampleArticle } from '../helpers/sample-article.ts';
import { cutOnce, firstDifference, hanOf, withoutWhitespace } from '../helpers/text.ts';

const article = readSampleArticle();
let sample: SampleBuild;
let text: string;

beforeAll(async () => {
  sample = await buildSample();
  text = pdfText(sample.result.pdfPath);
});
afterAll(async () => sample?.temp.remove());

describe('the text of the sample article in its PDF', () => {
  it('derives the expected text from the manuscript: four photos with captions, one credit, three subheads, the paragraphs', () => {
    expect(article.figures).toHaveLength(4);
    expect(article.figures.filter((figure) => figure.credit)).toHaveLength(1);
    expect(article.body.filter((block) => block.kind === 'subhead')).toHaveLength(3);
    expect(article.body.filter((block) => block.kind === 'paragraph').length).toBeGreaterThan(10);
  });

  it('reads headline, deck, byline, then subheads and paragraphs in manuscript order, nothing lost, doubled or moved', () => {
    const expected = hanOf([article.headline, article.deck ?? '', ...article.byline, ...article.body.map((block) => block.text)].join(''));
    // Captions, credits and the kicker are placed by the layout (beside photos, above the headline); they are checked on their own below.
    let actual = hanOf(text);
    for (const furniture of [...article.figures.flatMap((figure) => [figure.caption, figure.credit ?? '']), article.kicker ?? '', article.section ?? '']) {
      if (hanOf(furniture) === '') continue;
      actual = cutOnce(actual, hanOf(furniture)) ?? actual;
    }
    const at = actual.indexOf(expected);
    const fromHeadline = actual.slice(Math.max(0, actual.indexOf(hanOf(article.headline))));
    expect(at < 0 ? firstDifference(expected, fromHeadline) : 'in order').toBe('in order');
    // Around the article only page furniture may stand: a masthead or folio with the paper's name, date and page.
    const rest = actual.slice(0, Math.max(0, at)) + actual.slice(Math.max(0, at) + expected.length);
    expect(rest.length, `text outside the article: ${rest}`).toBeLessThanOrEqual(40);
  });

  it.each(article.figures.map((figure) => [figure.caption, figure] as const))('prints the caption %s and its credit', (_, figure) => {
    const all = hanOf(text);
    expect(all).toContain(hanOf(figure.caption));
    if (figure.credit) expect(all).toContain(hanOf(figure.credit));
  });

  const titling: Array<[string, string]> = [
    ['headline', article.headline],
    ['kicker', article.kicker ?? ''],
    ['deck', article.deck ?? ''],
    ...article.byline.map((name): [string, string] => ['byline', name]),
  ];
  it.each(titling)('prints the %s %s', (_, value) => {
    expect(value).not.toBe('');
    expect(hanOf(text)).toContain(hanOf(value));
  });

  it.each(article.body.map((block, index) => [index + 1, block.kind, block.text.slice(0, 12), block.text] as const))(
    'keeps block %i (%s “%s…”) together: its characters in one unbroken run',
    (_, _kind, _start, blockText) => {
      expect(hanOf(text)).toContain(hanOf(blockText));
    },
  );

  it.each(article.body.map((block, index) => [index + 1, block.text.slice(0, 12), block.text] as const))(
    'prints block %i (“%s…”) with its digits, Latin letters and punctuation, once whitespace is ignored',
    (_, _start, blockText) => {
      expect(withoutWhitespace(text)).toContain(withoutWhitespace(blockText));
    },
  );
});
