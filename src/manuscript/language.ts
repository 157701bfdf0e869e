// Guesses an article's language from its text, for manuscripts whose front matter does not say: the script most of
// its letters are in (Han, kana, hangul or Latin), so a story is never set as Chinese just because nobody said.

export interface LanguageGuess {
  readonly lang: string;
  /** In words, for the warning: "Chinese", "English"... */
  readonly name: string;
}

export function guessLanguage(text: string): LanguageGuess {
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length;
  const han = count(/\p{Script=Han}/gu);
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const hangul = count(/\p{Script=Hangul}/gu);
  // A Latin word counts like one CJK character: both are about one unit of reading.
  const latinWords = count(/\p{Script=Latin}+/gu);
  const total = han + kana + hangul + latinWords;
  if (total === 0) return { lang: 'en', name: 'English' };
  if (kana > total * 0.1) return { lang: 'ja', name: 'Japanese' };
  if (hangul > total * 0.3) return { lang: 'ko', name: 'Korean' };
  if (han > total * 0.5) return { lang: 'zh-CN', name: 'Chinese' };
  return { lang: 'en', name: 'English' };
}
