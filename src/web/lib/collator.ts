// Chinese names sort by pinyin order, not by code point.
const chineseCollator = new Intl.Collator('zh-CN');

/** Compares two names the way a Chinese reader expects (pinyin order). */
export function compareChineseNames(a: string, b: string): number {
  return chineseCollator.compare(a, b);
}

