/**
 * Masking of personal data for display (remote windows, lists, logs). Every function is total:
 * any string in, a string out, never a throw, and never more revealed than the documented parts.
 * Lengths are counted in code points so rare characters outside the BMP count as one.
 */

const star = '*';

/** Keeps `head` leading and `tail` trailing characters, stars for the rest (same length). */
function keepEnds(characters: readonly string[], head: number, tail: number): string {
  const hidden = Math.max(0, characters.length - head - tail);
  return (
    characters.slice(0, head).join('') +
    star.repeat(hidden) +
    characters.slice(characters.length - tail).join('')
  );
}

/**
 * For input whose shape is not recognised: reveal at most a quarter at the start and a sixth at the
 * end, so a typo'd number never shows more than a well-formed one would.
 */
function maskUnknown(characters: readonly string[], maxHead: number, maxTail: number): string {
  const n = characters.length;
  return keepEnds(
    characters,
    Math.min(maxHead, Math.floor(n / 4)),
    Math.min(maxTail, Math.floor(n / 6)),
  );
}

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; one character stays as it is. */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return characters.join('');
  if (characters.length === 2) return keepEnds(characters, 1, 0);
  return keepEnds(characters, 1, 1);
}

/**
 * 18 characters: first 6 (division) and last 4 → 110105********002X. A legacy 15-digit number
 * keeps its last 3 only, so the birth date is hidden in both forms.
 */
export function maskCitizenId(idNumber: string): string {
  const characters = Array.from(idNumber.trim().toUpperCase());
  if (characters.length === 18) return keepEnds(characters, 6, 4);
  if (characters.length === 15) return keepEnds(characters, 6, 3);
  return maskUnknown(characters, 6, 4);
}

/** 18 characters: first 8 and last 2 — a 个体工商户's code can identify the person behind it. */
export function maskUscc(code: string): string {
  const characters = Array.from(code.trim().toUpperCase());
  if (characters.length === 18) return keepEnds(characters, 8, 2);
  return maskUnknown(characters, 8, 2);
}

const mobilePattern = /^(\+?86[-\s]?)?(1\d{2})[-\s]?(\d{4})[-\s]?(\d{4})$/;
const landlinePattern = /^(0(?:10|2\d|[3-9]\d{2}))([-\s]?)(\d{7,8})$/;

/**
 * Mobile: 138****5678 (an optional +86 prefix is kept). Landline: the area code and the last 2
 * digits, 010-******78. Anything else keeps a little of each end.
 */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  const mobile = mobilePattern.exec(value);
  if (mobile) {
    const [, prefix = '', first = '', , last = ''] = mobile;
    return `${prefix}${first}****${last}`;
  }
  const landline = landlinePattern.exec(value);
  if (landline) {
    const [, areaCode = '', separator = '', local = ''] = landline;
    return `${areaCode}${separator}${keepEnds(Array.from(local), 0, 2)}`;
  }
  return maskUnknown(Array.from(value), 3, 2);
}

/*
 * Administrative levels of an address, in order, each optional. Names exclude digits, Latin
 * letters, punctuation and characters of street-level parts (路 街 巷 号 弄 楼 室 幢 栋), so a
 * street such as "建设路88号" can never pass for a district. County names may contain 市
 * (济南市市中区).
 */
const nameCharacters = '[^\\sA-Za-z0-9０-９，,。.、()（）\\-—#＃路街巷号弄楼室幢栋省区县旗';
const provinceLevel = new RegExp(`^${nameCharacters}市]{1,8}?(?:省|自治区|特别行政区)`);
const prefectureLevel = new RegExp(`^${nameCharacters}市]{1,10}?(?:自治州|地区|盟|市)`);
const countyLevel = new RegExp(`^${nameCharacters}]{1,14}?(?:自治县|自治旗|林区|特区|区|县|旗|市)`);
/** Place names ending in 区 below county level: these are already part of the private address. */
const subCountyArea = /(?:小区|社区|校区|院区|厂区|营区|街区|片区|景区)$/;

/**
 * Keeps the address up to and including its county-level part (or the highest level it names, of
 * 省/市/区/县/旗) and replaces the rest with ****: 浙江省杭州市西湖区文三路90号 →
 * 浙江省杭州市西湖区****. Without any such part: the first 6 characters, but never more than half.
 */
export function maskAddress(address: string): string {
  const value = address.trim();
  let kept = 0;
  for (const level of [provinceLevel, prefectureLevel, countyLevel]) {
    const match = level.exec(value.slice(kept));
    if (match && !(level === countyLevel && subCountyArea.test(match[0]))) kept += match[0].length;
  }
  const characters = Array.from(value);
  if (kept === 0) {
    const head = Math.min(6, Math.floor(characters.length / 2));
    return characters.length === 0 ? '' : `${characters.slice(0, head).join('')}****`;
  }
  return kept === value.length ? value : `${value.slice(0, kept)}****`;
}

/** A field read off a material, masked by its type (a name when the type says nothing more). */
export function maskFieldValue(type: string, value: string): string {
  if (type === 'citizenId') return maskCitizenId(value);
  if (type === 'uscc') return maskUscc(value);
  if (type === 'phone') return maskPhone(value);
  if (type === 'address') return maskAddress(value);
  return maskName(value);
}

/*
 * Numbers in free text: an 18-character ID number (or a legacy 15-digit one), a mobile number
 * (spaces or hyphens between its groups allowed) or a landline with its area code, standing on
 * its own (no digit right before or after). A longer run of digits is left alone: it is not one.
 */
const numbersInText =
  /(?<![\dA-Za-z])(?:(\d{17}[\dXx]|\d{15})|((?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4})|(0\d{2,3}-\d{7,8}))(?![\dA-Za-z])/g;

/**
 * Masks ID and phone numbers typed into free text (a question, a chat line) before it leaves the
 * terminal: 申请人身份证110105199003078001 → 申请人身份证110105********8001.
 */
export function maskNumbersInText(text: string): string {
  return text.replace(numbersInText, (match, idNumber?: string) =>
    idNumber === undefined ? maskPhone(match) : maskCitizenId(match),
  );
}
