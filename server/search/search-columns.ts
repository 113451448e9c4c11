/**
 * What one search box looks in: per register, the text columns fed to `search_terms(...)`, in this
 * order. The order is part of each register's GIN expression index (migration 0003); a test checks
 * that every entry here has its index, so a change here needs a new migration.
 */
export const SEARCH_COLUMNS: Record<string, readonly string[]> = {
  people: ['name', 'id_number', 'phone'],
  premises: ['name', 'licence_no', 'credit_code'],
  cases: ['case_no'],
  'patrol-units': ['call_sign'],
  hydrants: ['code'],
  cameras: ['name'],
  'guard-posts': ['name'],
  organisations: ['name'],
  'fire-stations': ['name'],
  'patrol-routes': ['name'],
  checkpoints: ['name'],
};

/** Standard addresses are searched too (by their written form). */
export const ADDRESS_SEARCH_COLUMNS = ['full_address'] as const;

/**
 * Identifier columns of the million-row registers, looked up by prefix in btree order while one is
 * typed (a single Latin/digit word with a digit in it): their text index would gather every lexeme
 * with the prefix first. Each has its `lower(column) text_pattern_ops` index (migration 0009).
 */
export const IDENTIFIER_COLUMNS: Record<string, readonly string[]> = {
  people: ['id_number', 'phone'],
  cases: ['case_no'],
};
