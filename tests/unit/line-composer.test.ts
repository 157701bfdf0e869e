// The paragraph composer on measured widths: total-fit breaks, clreq's line-start and line-end rules, punctuation
// compression, numbers kept whole, hyphen ladders, and lines that come out exactly as wide as the column.
import { describe, expect, it } from 'vitest';
import { composeLines, type ComposedLine } from '../../src/layout/lines/compose.ts';
import { paragraphItems, type ParagraphText } from '../../src/layout/lines/items.ts';
import { isClosing, isOpening, isCjk } from '../../src/layout/lines/characters.ts';

const em = 10;
/** A stand-in font: CJK squares, Latin letters half a square, spaces a quarter. */
const measure = (text: string): number =>
  Array.from(text).reduce((sum, char) => sum + (char === ' ' ? 2.5 : char === '-' ? 3.3 : isCjk(char) || '“”‘’'.includes(char) ? em : 5), 0);

function paragraph(text: string, cjk: boolean, narrowest = 120): ParagraphText {
  return { text, fontOf: Array.from({ length: text.length }, () => 0), fonts: ['f'], cjk, em, narrowest };
}

function compose(text: string, cjk: boolean, width: number, indent = 0) {
  const pieces = paragraphItems(paragraph(text, cjk, width - indent), measure);
  return composeLines(pieces, { first: width - indent, rest: width, em });
}

const printed = (text: string, line: ComposedLine) => text.slice(line.from, line.to).replaceAll('\u00ad', '') + (line.hyphen ? '-' : '');

/** The width a line prints at, from the composer's own spacing (what the page will set). */
function setWidth(text: string, line: ComposedLine): number {
  const chars = text.slice(line.from, line.to).replaceAll('\u00ad', '');
  let width = measure(chars) + (line.hyphen ? measure('-') : 0);
  width += line.spaces * line.wordSpacing;
  // Letter spacing follows every character the page spaces (in CJK lines, all but the Latin words, which the setter
  // wraps and sets solid), except the line's last.
  const spaced = line.gaps > 0 ? Array.from(chars).filter((char) => isCjk(char) || '“”‘’'.includes(char)) : [...Array.from(chars), ...(line.hyphen ? ['-'] : [])];
  const lastSpaced = line.gaps > 0 ? isCjk(Array.from(chars).at(-1) ?? '') || '“”‘’'.includes(Array.from(chars).at(-1) ?? '') : true;
  width += Math.max(0, spaced.length - (lastSpaced ? 1 : 0)) * line.letterSpacing;
  for (const edge of line.edges) width += edge.margin;
  return width;
}

const chinese =
  '近年来，枣庄市山亭区贯彻落实省委“九大改革攻坚行动”和枣庄市委“9+2改革攻坚行动”，加大招才引智力度，破解企业融资难题，加快动能转换，蓄势产业蝶变，提升民生福祉。带动10处镇街5301户，增长68.9%（PMI）达1.35亿元。“要坚持目标引领、问题导向。”他说。';

describe('Chinese paragraphs', () => {
  const width = 125; // twelve and a half squares
  const { lines } = compose(chinese, true, width, 2 * em);

  it('breaks into lines that hold every character once, in order', () => {
    expect(lines.length).toBeGreaterThan(8);
    expect(lines.map((line) => chinese.slice(line.from, line.to)).join('')).toBe(chinese);
  });

  it('starts no line with a closing mark and ends none with an opening mark', () => {
    for (const line of lines) {
      const text = printed(chinese, line);
      expect(isClosing(text[0] ?? ''), `line “${text}”`).toBe(false);
      expect(isOpening(text.at(-1) ?? ''), `line “${text}”`).toBe(false);
    }
  });

  it('never breaks a number or a Latin word', () => {
    const words = ['5301', '68.9%', 'PMI', '1.35', '9+2'];
    for (const line of lines) {
      const text = printed(chinese, line);
      for (const word of words) {
        const at = chinese.indexOf(word);
        const inside = line.from > at && line.from < at + word.length;
        expect(inside, `line “${text}” starts inside ${word}`).toBe(false);
      }
    }
  });

  it('sets every line but the last exactly to the measure', () => {
    lines.forEach((line, index) => {
      const target = index === 0 ? width - 2 * em : width;
      if (!line.last) expect(setWidth(chinese, line)).toBeCloseTo(target, 1);
    });
  });

  it('compresses two marks in a row to one and a half squares', () => {
    const { lines: one } = compose('他说：“好。”她笑了，“走吧”。', true, 400);
    const [line] = one;
    expect(line).toBeDefined();
    // “。”” and “：“” each lose half a square; so does “，“”.
    const compressed = (line?.edges ?? []).filter((edge) => edge.margin < -4);
    expect(compressed.length).toBeGreaterThanOrEqual(3);
  });

  it('spreads characters by at most 0.2 em on average in justified lines of plain Chinese', () => {
    const plain = '山亭区把强化人才支撑作为高质量发展的重要引擎深入实施人才兴区战略强化招才引智大力开展干部作风大整顿专项行动不断提升干部队伍能力素质和责任担当'.repeat(3);
    const { lines: set } = compose(plain, true, 125);
    for (const line of set.filter((candidate) => !candidate.last)) expect(line.letterSpacing / em).toBeLessThanOrEqual(0.2);
  });

  it('puts a quarter em between Han and Latin letters', () => {
    const { lines: set } = compose('这是PMI指数', true, 400);
    const edges = set[0]?.edges ?? [];
    expect(edges.some((edge) => edge.edge === 'start' && Math.abs(edge.margin - 2.5) < 0.01)).toBe(true);
    expect(edges.some((edge) => edge.edge === 'end' && Math.abs(edge.margin - 2.5) < 0.01)).toBe(true);
  });
});

describe('English paragraphs', () => {
  const hyphenated =
    'The har\u00adbour au\u00adthor\u00adi\u00adty an\u00adnounced on Tues\u00adday that the new ferry ter\u00admi\u00adnal will open in the spring, two years later than planned, af\u00adter a long dis\u00adpute over the cost of dredg\u00ading the chan\u00adnel and the safe\u00adty of the old pier, which en\u00adgi\u00adneers found to be crum\u00adbling in places.';

  it('keeps all text and prints hyphens only at broken words', () => {
    const { lines } = compose(hyphenated, false, 150, 10);
    const joined = lines.map((line) => printed(hyphenated, line)).join(' ').replace(/- /g, '');
    expect(joined.replace(/\s+/g, ' ')).toBe(hyphenated.replaceAll('\u00ad', ''));
  });

  it('justifies every line but the last to the measure', () => {
    const { lines } = compose(hyphenated, false, 150, 10);
    lines.forEach((line, index) => {
      // Within a letter's spacing: the composer counts spacing after the line's last letter, which is not drawn;
      // the page trues each line up after setting it.
      if (!line.last) expect(Math.abs(setWidth(hyphenated, line) - (index === 0 ? 140 : 150))).toBeLessThanOrEqual(Math.max(0.05, Math.abs(line.letterSpacing) * 1.01));
    });
  });

  it('hyphenates at most two lines in a row', () => {
    const soft = Array.from({ length: 40 }, () => 'ex\u00adtra\u00ador\u00addi\u00adnar\u00adi\u00adly').join(' ');
    const { lines } = compose(soft, false, 97);
    let streak = 0;
    let longest = 0;
    for (const line of lines) {
      streak = line.hyphen ? streak + 1 : 0;
      longest = Math.max(longest, streak);
    }
    expect(lines.some((line) => line.hyphen)).toBe(true);
    expect(longest).toBeLessThanOrEqual(2);
  });

  it('cuts a word longer than the line instead of overflowing', () => {
    const url = 'https://example.org/' + 'a'.repeat(200);
    const { lines } = compose(`See ${url} now.`, false, 150);
    for (const line of lines) expect(measure(printed(`See ${url} now.`, line))).toBeLessThanOrEqual(150 + 0.01);
  });

  it('sets 100,000 letters without a space in well under a second', () => {
    const started = performance.now();
    const { lines } = compose('x'.repeat(100_000), false, 150);
    expect(lines.length).toBeGreaterThan(3000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
