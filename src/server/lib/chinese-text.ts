// Chinese text helpers shared by imports, search and region matching: one normalisation so that
// text typed or pasted in any form (Traditional, full-width, stray spaces) compares equal, and
// pinyin keys that read Hebei place names and surnames the way people actually say them.
import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

// 't' (OpenCC's generic Traditional) rather than 'tw'/'twp': the Taiwan variants also rewrite
// characters that are valid Simplified (么→幺 in 么家庄, 著→着) and 'twp' even swaps words
// (西元→公元, 新增→添加), which would corrupt real village names. Built once: construction is
// the expensive part, conversion itself handles the 57k Hebei names in ~50 ms.
const toSimplified = Converter({ from: 't', to: 'cn' });

// Characters that are standard in mainland Simplified text but that OpenCC still rewrites:
// 乾 (qián, as in 乾宁/乾隆) would become 干, 沈 (surname Shěn) becomes 沉 inside some phrases,
// and 蔄 becomes an extension-F character most fonts cannot show. All occur in Hebei names.
const PROTECTED = ['乾', '沈', '蔄'];
const PROTECTED_RE = new RegExp(`[${PROTECTED.join('')}]`);
const PLACEHOLDER_BASE = 0xe000; // private-use code points: OpenCC leaves them alone

const ZERO_WIDTH_RE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const FULL_WIDTH_RE = /[\uff01-\uff5e]/g;
const NON_ASCII_RE = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex
// Chinese uses no spaces, so a space between two Han characters is padding ("张  三" aligned
// with three-character names in a spreadsheet) and goes.
const SPACE_BETWEEN_HAN_RE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/** Converts Traditional to Simplified and full-width ASCII to half-width, drops zero-width characters and padding between Han characters, collapses whitespace. */
export function normalizeText(s: string): string {
  let out = s;
  // Pure-ASCII strings (codes, phone numbers) skip the costly steps; imports are full of them.
  if (NON_ASCII_RE.test(out)) {
    out = out
      .normalize('NFC')
      .replace(ZERO_WIDTH_RE, '')
      .replace(FULL_WIDTH_RE, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u3000/g, ' ');
    out = convertProtected(out).replace(SPACE_BETWEEN_HAN_RE, '');
  }
  return out.replace(/\s+/g, ' ').trim();
}

// Runs OpenCC with the protected characters swapped for placeholders, so neither the character
// nor a phrase containing it can be rewritten.
function convertProtected(s: string): string {
  if (!PROTECTED_RE.test(s)) return toSimplified(s);
  let masked = s;
  PROTECTED.forEach((ch, i) => (masked = masked.replaceAll(ch, String.fromCharCode(PLACEHOLDER_BASE + i))));
  let out = toSimplified(masked);
  PROTECTED.forEach((ch, i) => (out = out.replaceAll(String.fromCharCode(PLACEHOLDER_BASE + i), ch)));
  return out;
}

export type NameKind = 'person' | 'place';

export interface PinyinOptions {
  /** 'person' reads the first character(s) as a surname (单 shàn, 曾 zēng); 'place' applies the place-name table. */
  kind?: NameKind;
}

// Place words whose reading pinyin-pro gets wrong, or whose reading is local and must never drift
// with a library update. Syllables are toneless, space separated, one per character. Found by
// checking pinyin-pro on every Hebei division name that contains a polyphonic character.
const PLACE_READINGS: Record<string, string> = {
  蔚县: 'yu xian', // Yù, not wèi (pinyin-pro says wei)
  蔚州: 'yu zhou', // 蔚州镇, seat of 蔚县
  乐亭: 'lao ting', // Lào, not lè (pinyin-pro says le)
  大城: 'da cheng', // pinyin-pro says dai
  单县: 'shan xian',
  井陉: 'jing xing',
  藁城: 'gao cheng',
  蠡县: 'li xian',
  涞水: 'lai shui',
  涞源: 'lai yuan',
  邯郸: 'han dan',
  阜平: 'fu ping',
  阜城: 'fu cheng',
  枣强: 'zao qiang',
  长安: 'chang an',
  行唐: 'xing tang',
  栾城: 'luan cheng',
  大厂: 'da chang',
  柏乡: 'bai xiang',
  柏林: 'bai lin', // 柏林庄/柏林社区 are bǎi; pinyin-pro reads it as Berlin (bó)
  任丘: 'ren qiu',
  任泽: 'ren ze',
  曲阳: 'qu yang',
  曲周: 'qu zhou',
  泊头: 'bo tou',
  涿鹿: 'zhuo lu',
  民乐: 'min le', // 民乐社区: the place reading, not 民乐 "folk music" (yuè)
  大夫: 'da fu', // 大夫庄/大夫坨 are named after officials (dàfū), not doctors (dàifu)
  马圈: 'ma juan', // a pen is juàn
  栅: 'zha', // 栅子/栅楼 (zhà, a fence); pinyin-pro says shan
};
const PLACE_WORDS = Object.keys(PLACE_READINGS).sort((a, b) => b.length - a.length);
const PLACE_FIRST_CHARS = new Set(PLACE_WORDS.map((w) => w[0]));

// Characters with a distinct surname reading. In a village name a surname is followed by a
// settlement word (单家庄, 解庄子, 曾官屯, 西解村), and there the surname reading is the right one.
const SURNAME_READINGS: Record<string, string> = {
  单: 'shan',
  解: 'xie',
  曾: 'zeng',
  仇: 'qiu',
  朴: 'piao',
  查: 'zha',
  缪: 'miao',
  种: 'chong',
  秘: 'bi',
  盖: 'ge',
};
const SURNAME_CHARS = Object.keys(SURNAME_READINGS).join('');
// 村 alone is too weak a signal (响宝盖村 is 宝盖 bǎogài), so it counts only at the start or after a direction/size word.
const SURNAME_SETTLEMENT_RE = new RegExp(
  `[${SURNAME_CHARS}](?=[家庄营屯寨窑疃]|各庄|官屯|杖子)|(?:^|(?<=[东西南北前后中大小]))[${SURNAME_CHARS}](?=村)`,
  'g',
);

const SURNAME_CHAR_RE = new RegExp(`[${SURNAME_CHARS}]`);

interface PinyinKeys {
  pinyin: string;
  initials: string;
}

// Names repeat a lot (54k villages, 38k distinct short names; import columns repeat even more),
// so keys are memoised per normalised text. Cleared wholesale when full: simple, and bounded.
const MEMO_LIMIT = 100_000;
const memo = new Map<string, PinyinKeys>();

// Pinyin and initials of already-normalised text.
function pinyinKeys(text: string, kind: NameKind): PinyinKeys {
  const key = kind === 'person' ? 'p' + text : 'l' + text;
  const hit = memo.get(key);
  if (hit) return hit;
  const chars = [...text];
  let syllables = kind === 'person' ? pinyin(text, PERSON_OPTIONS) : pinyin(text, PLACE_OPTIONS);
  // pinyin-pro yields one entry per code point and the overrides rely on that; should a future
  // version not, fall back to per-character readings rather than mis-assigning syllables.
  if (syllables.length !== chars.length) syllables = chars.map((c) => pinyin(c, { toneType: 'none' }));
  if (kind === 'place') applyPlaceReadings(text, chars, syllables);
  let full = '';
  let initials = '';
  for (const raw of syllables) {
    const syl = cleanSyllable(raw);
    full += syl;
    initials += syl.slice(0, 1); // non-Chinese entries are single characters already
  }
  const keys = { pinyin: full, initials };
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, keys);
  return keys;
}

const PLACE_OPTIONS = { toneType: 'none', type: 'array' } as const;
const PERSON_OPTIONS = { toneType: 'none', type: 'array', mode: 'surname', surname: 'head' } as const;

// Overwrites pinyin-pro's syllables where the place-name table or the surname rule knows better.
function applyPlaceReadings(text: string, chars: string[], out: string[]): void {
  let toPoint: (i: number) => number = (i) => i;
  if (chars.length !== text.length) {
    // Regex and startsWith work in UTF-16 units; map them back to code points for astral characters.
    const map: number[] = [];
    chars.forEach((c, i) => {
      for (let k = 0; k < c.length; k++) map.push(i);
    });
    toPoint = (i) => map[i];
  }
  // Surname rule first, so a table word overlapping it still wins.
  if (SURNAME_CHAR_RE.test(text)) {
    for (const m of text.matchAll(SURNAME_SETTLEMENT_RE)) out[toPoint(m.index)] = SURNAME_READINGS[m[0]];
  }
  for (let i = 0; i < text.length; i++) {
    if (!PLACE_FIRST_CHARS.has(text[i])) continue;
    const word = PLACE_WORDS.find((w) => text.startsWith(w, i));
    if (!word) continue;
    PLACE_READINGS[word].split(' ').forEach((syl, j) => (out[toPoint(i) + j] = syl));
    i += word.length - 1;
  }
}

// Keeps letters and digits (lower-cased, ü as v like pinyin keyboards), drops punctuation and spaces.
function cleanSyllable(s: string): string {
  if (/^[a-z]+$/.test(s)) return s;
  return s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9]/g, '');
}

/** Toneless, lower-case pinyin with no separators (海兴县 → haixingxian); default kind is 'place'. */
export function toPinyin(name: string, options: PinyinOptions = {}): string {
  return pinyinKeys(normalizeText(name), options.kind ?? 'place').pinyin;
}

/** First letter of each syllable (海兴县 → hxx); letters and digits in the input are kept, lower-cased. */
export function toInitials(name: string, options: PinyinOptions = {}): string {
  return pinyinKeys(normalizeText(name), options.kind ?? 'place').initials;
}

export interface SearchKeys {
  normalized: string;
  pinyin: string;
  initials: string;
}

/** The three keys a name is indexed under: normalised text, full pinyin and initials. */
export function searchKeys(name: string, kind: NameKind = 'place'): SearchKeys {
  const normalized = normalizeText(name);
  return { normalized, ...pinyinKeys(normalized, kind) };
}

const collator = new Intl.Collator('zh-CN');

/** Orders Chinese strings the way a mainland reader expects (by pinyin); use as a sort comparator. */
export function compareChinese(a: string, b: string): number {
  return collator.compare(a, b);
}
