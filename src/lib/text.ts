/**
 * Folds Vietnamese text for diacritic-insensitive search: lower case, tone and vowel marks removed,
 * đ → d. "Quyết định" and "quyet dinh" both become "quyet dinh".
 */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `%`, `_` and `\` typed by a user are literal characters in a LIKE pattern, not wildcards. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
