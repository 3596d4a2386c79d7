import { pinyin } from 'pinyin-pro';

function initials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
}

function fullPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
}

/** What a clerk may type to find a matter: name, code, aliases, their pinyin and initials. */
export function matterSearchText(matter: { code: string; name: string; aliases: string[] }): {
  pinyinInitials: string;
  searchText: string;
} {
  const names = [matter.name, ...matter.aliases];
  const pinyinInitials = initials(matter.name);
  const searchText = [matter.code, ...names, ...names.map(initials), ...names.map(fullPinyin)]
    .join(' ')
    .toLowerCase();
  return { pinyinInitials, searchText };
}
