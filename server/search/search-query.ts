/**
 * A search box's text → a tsquery over the terms `search_terms()` (migration 0003) indexes: every
 * run of non-ASCII text (Chinese) as overlapping character pairs, every ASCII letter/digit run as a
 * whole word matched by prefix. Works the same in any database locale: no parser, no dictionary.
 */
const MAX_TERMS = 16;

export function searchTerms(text: string): { pairs: string[]; words: string[] } {
  const lower = text.toLowerCase();
  const words = [...new Set(lower.split(/[^0-9a-z]+/).filter((word) => word.length > 0))];
  const pairs = new Set<string>();
  for (const run of lower.match(/[^\u0001-\u007f]+/g) ?? []) {
    const chars = [...run];
    if (chars.length === 1) pairs.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  }
  return { pairs: [...pairs], words };
}

/** tsquery text: all pairs and words must match (words by prefix); null when nothing searchable. */
export function toTsquery(text: string): string | null {
  const { pairs, words } = searchTerms(text);
  const quote = (lexeme: string) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const terms = [...pairs.map((pair) => quote(pair)), ...words.map((word) => `${quote(word)}:*`)].slice(0, MAX_TERMS);
  return terms.length > 0 ? terms.join(' & ') : null;
}
