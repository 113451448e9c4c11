// The search box's model: the server's groups as listbox options, and the keyboard moves over them.
// Pure: no DOM, no fetch (the box in search-box.ts wires these to the page).
import { isMessageKey, type Lang } from '../i18n/index.js';
import type { SearchGroup, SearchResponse } from '../workspace/api.js';
import { registerLabel, type RecordRef, type Translate } from '../workspace/record-view.js';
import { isRegisterId } from '../map/register-style.js';

/** Wait this long after the last keystroke before asking the server (ms). */
export const SEARCH_DEBOUNCE_MS = 250;
/** The server refuses longer queries (`q` maxLength in search.routes.ts). */
export const MAX_QUERY_LENGTH = 100;
/** Hits per register the box asks for. */
export const HITS_PER_REGISTER = 5;

/** What choosing an option opens: a register record (panel + map), or a place (an address: map only). */
export type SearchTarget =
  | { kind: 'record'; ref: RecordRef; lngLat: [number, number] | null }
  | { kind: 'place'; lngLat: [number, number] };

export interface SearchOption {
  /** Position in the flat list the arrow keys move over. */
  index: number;
  /** Stable DOM-safe id part, e.g. `cases-12`. */
  key: string;
  label: string;
  detail: string | null;
  target: SearchTarget;
}

export interface SearchOptionGroup {
  register: string;
  title: string;
  options: SearchOption[];
}

/** The query as sent: trimmed and cut to what the server accepts; '' means "don't search". */
export function searchQuery(input: string): string {
  return input.trim().slice(0, MAX_QUERY_LENGTH).trim();
}

function groupTitle(group: SearchGroup, t: Translate, lang: Lang): string {
  const key = `register.${group.register}`;
  return isMessageKey(key) ? registerLabel(group.register, t) : group.title[lang] ?? group.title.zh;
}

function detailText(group: SearchGroup, detail: string | null, t: Translate): string | null {
  if (detail === null || detail === '') return null;
  const key = group.register === 'addresses' ? `search.level.${detail}` : '';
  return key !== '' && isMessageKey(key) ? t(key) : detail;
}

/**
 * The server's groups as option groups, in its order, numbered for the keyboard. Hits that can open
 * nothing (an address without a location, an unknown register) are left out.
 */
export function searchOptionGroups(response: SearchResponse, t: Translate, lang: Lang): SearchOptionGroup[] {
  let index = 0;
  const groups: SearchOptionGroup[] = [];
  for (const group of response.groups) {
    const options: SearchOption[] = [];
    for (const hit of group.hits) {
      const lngLat: [number, number] | null = typeof hit.lng === 'number' && typeof hit.lat === 'number' ? [hit.lng, hit.lat] : null;
      let target: SearchTarget | null = null;
      if (isRegisterId(group.register)) target = { kind: 'record', ref: { register: group.register, id: hit.id }, lngLat };
      else if (lngLat) target = { kind: 'place', lngLat };
      if (!target) continue;
      options.push({ index: index++, key: `${group.register}-${hit.id}`, label: hit.label, detail: detailText(group, hit.detail, t), target });
    }
    if (options.length > 0) groups.push({ register: group.register, title: groupTitle(group, t, lang), options });
  }
  return groups;
}

export const optionCount = (groups: readonly SearchOptionGroup[]) => groups.reduce((n, g) => n + g.options.length, 0);

export function optionAt(groups: readonly SearchOptionGroup[], index: number): SearchOption | null {
  for (const group of groups) for (const option of group.options) if (option.index === index) return option;
  return null;
}

/**
 * The active option after a key (-1 = none, focus stays in the input): ArrowDown/ArrowUp move and
 * wrap through "none", Home/End jump; other keys leave it as it is.
 */
export function nextActive(active: number, count: number, key: string): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown': return active >= count - 1 ? -1 : active + 1;
    case 'ArrowUp': return active === -1 ? count - 1 : active - 1;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return active;
  }
}

/** Answers may come back out of order: only the latest request's answer is shown. */
export class LatestOnly {
  private counter = 0;

  /** A ticket for a new request; `isCurrent(ticket)` stays true until the next one is taken. */
  take(): number {
    this.counter += 1;
    return this.counter;
  }

  isCurrent(ticket: number): boolean {
    return ticket === this.counter;
  }
}
