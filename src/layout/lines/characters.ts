// The character classes line breaking needs: CJK ideographs and kana, and clreq's closing, opening and inseparable marks.

/** Marks that may not start a line (clreq 3.1.7: stops, closing quotes and brackets, connector and separator marks; small kana). Dashes and ellipses may. */
const closing = new Set(Array.from('，。、；：？！）］｝〕〉》」』】〗〙〛”’»›｠·・～ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%‰℃°′″,.;:?!)]}'));
/** Marks that may not end a line: opening brackets and quotes. */
const opening = new Set(Array.from('（［｛〔〈《「『【〖〘〚“‘«‹｟([{'));
/** Full-width marks whose glyph fills only half its square: the rest is a blank that may be compressed (clreq 3.1.6). */
const halfBlankAfter = new Set(Array.from('，。、；：？！）］｝〕〉》」』】〗〙〛”’'));
const halfBlankBefore = new Set(Array.from('（［｛〔〈《「『【〖〘〚“‘'));
/** Marks set as pairs that are never split between lines. */
const inseparable = new Set(Array.from('—…‥'));

export const isClosing = (char: string): boolean => closing.has(char);
export const isOpening = (char: string): boolean => opening.has(char);
export const blankAfter = (char: string): boolean => halfBlankAfter.has(char);
export const blankBefore = (char: string): boolean => halfBlankBefore.has(char);
export const isInseparable = (char: string): boolean => inseparable.has(char);

/** Han ideographs, kana, hangul, CJK symbols and full-width forms: set one to a square, breakable between any two. */
export function isCjk(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x2e80 && code <= 0x9fff) || // radicals, CJK symbols and punctuation, kana, CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // compatibility ideographs
    (code >= 0xfe30 && code <= 0xfe4f) || // CJK compatibility forms
    (code >= 0xff00 && code <= 0xff60) || // full-width forms
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3134f) || // supplementary ideographs
    char === '“' || char === '”' || char === '‘' || char === '’' || char === '—' || char === '…' || char === '·'
  );
}

/** Curly quotes, dashes and the middle dot are CJK marks in Chinese text and Latin marks in Latin text. */
export const isAmbiguousMark = (char: string): boolean => '“”‘’—…·'.includes(char);

export const isSpace = (char: string): boolean => char === ' ' || char === '\t' || char === '\n' || char === '\r';
export const softHyphen = '\u00ad';
