/**
 * Pinyin initials ("东村路口" → "dclk") for searching the tree, without a dictionary: Chinese
 * collation sorts characters by pinyin, so the first character of each initial's range tells the
 * initial of any character between it and the next. Polyphones get one reading (长 → c), which
 * is fine for initials. Where the browser has no Chinese collation, Han characters get no initial
 * and the search falls back to names alone.
 */

// The first character of each initial's range in ICU's pinyin collation (i, u and v start none).
const RANGE_STARTS = '吖丷嚓咑妸发旮哈丌咔垃呣拏喔妑七呥仨他屲夕丫帀';
const INITIALS = 'abcdefghjklmnopqrstwxyz';
const HAN = /[\u3400-\u9fff]/;

let collator: Intl.Collator | null | undefined;

function pinyinCollator(): Intl.Collator | null {
  if (collator !== undefined) return collator;
  try {
    const candidate = new Intl.Collator('zh-CN-u-co-pinyin');
    // Without real pinyin order these come out in code-point order, which would give nonsense.
    const sane = candidate.compare('八', '阿') > 0 && candidate.compare('东', '西') < 0 && candidate.compare('西', '村') > 0;
    collator = sane ? candidate : null;
  } catch {
    collator = null;
  }
  return collator;
}

function initialOf(char: string, order: Intl.Collator): string {
  let initial = '';
  for (let i = 0; i < RANGE_STARTS.length; i++) {
    if (order.compare(char, RANGE_STARTS[i]!) < 0) break;
    initial = INITIALS[i]!;
  }
  return initial;
}

/** Initials of the Han characters, with Latin letters and digits kept (lower case) and the rest dropped. */
export function pinyinInitials(text: string): string {
  const order = pinyinCollator();
  let out = '';
  for (const char of text) {
    if (/[A-Za-z0-9]/.test(char)) out += char.toLowerCase();
    else if (order && HAN.test(char)) out += initialOf(char, order);
  }
  return out;
}
