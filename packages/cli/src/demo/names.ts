/**
 * Synthetic names and identifiers. Every name starts with （演示） so no one mistakes a demo
 * subject for a real company; trade names are 天干地支 combinations plus one character.
 * USCCs are structurally valid (GB 32100-2015): 9 (市场监管) 1 (企业) + the 6-digit region code +
 * "MA" + 7 characters that encode a scrambled serial number (unique per dataset) + the check
 * character from usccCheckChar.
 */
import { usccCheckChar } from '@duixian/engine';
import { mix32 } from './random.js';
import type { Rng } from './random.js';

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';
const TAILS = '丰顺源达盛华泰隆兴嘉';

/** A trade name (字号) such as "甲子丰". */
export function tradeName(rng: Rng): string {
  const k = rng.int(60);
  return STEMS[k % 10]! + BRANCHES[k % 12]! + TAILS[rng.int(10)]!;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SPACE = 31 ** 7; // 27,512,614,111 serials
const STEP = 1_000_003; // coprime with 31: i ↦ (i·STEP + offset) mod 31^7 is a bijection

/**
 * The USCC of serial `serial` (unique within a dataset) registered in `region`.
 * `kind2` is the first two characters: "91" a company, "51" a social organisation (association).
 */
export function uscc(seed: number, region: string, serial: number, kind2 = '91'): string {
  if (!/^\d{6}$/.test(region)) throw new Error(`internal: region code ${region} is not 6 digits`);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 2 ** 33) throw new Error(`internal: USCC serial ${serial} out of range`);
  const offset = (mix32(seed >>> 0) * 6151 + mix32(Math.floor(seed / 0x1_0000_0000))) % SPACE;
  // serial·STEP < 2^53 for every serial < 2^33, so this is exact; an affine map mod 31^7 is a bijection
  let x = ((serial * STEP) % SPACE + offset) % SPACE;
  // base-31 digits, least significant first, then a cascade that stirs each digit with the ones
  // below it (invertible digit by digit, so still a bijection): neighbours no longer look alike
  const digits: number[] = [];
  for (let k = 0; k < 7; k++) {
    digits.push(x % 31);
    x = Math.floor(x / 31);
  }
  let acc = mix32(seed >>> 0);
  let tail = '';
  for (let k = 0; k < 7; k++) {
    const c = (digits[k]! + (acc % 31)) % 31;
    acc = mix32(acc ^ Math.imul(c + 1, 0x9e3779b1));
    tail = ALPHABET[c]! + tail;
  }
  const first17 = `${kind2}${region}MA${tail}`;
  const check = usccCheckChar(first17);
  if (check === undefined) throw new Error(`internal: cannot compute a check character for ${first17}`);
  return first17 + check;
}
