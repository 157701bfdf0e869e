// A manuscript without `lang` is set in the language its text is in, not in Chinese by default.
import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/manuscript/language.ts';

describe('guessLanguage', () => {
  it.each([
    ['The harbour ferry returned on Monday after forty years.', 'en'],
    ['近年来，枣庄市山亭区贯彻落实省委“九大改革攻坚行动”。', 'zh-CN'],
    ['山亭区 PMI 指数 68.9%，GDP 增长 5.2%，带动 10 处镇街。', 'zh-CN'],
    ['The Shanting district (山亭区) reported growth of 5 %.', 'en'],
    ['東京都の人口は増え続けている。', 'ja'],
  ])('reads “%s” as %s', (text, lang) => {
    expect(guessLanguage(text).lang).toBe(lang);
  });
});
