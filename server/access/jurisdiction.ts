import { sql, type RawBuilder } from 'kysely';
import { decide, type Action, type Subject } from '../auth/policy.js';

/** A beat of the district and the station it belongs to. */
export interface BeatRef { id: number; stationId: number }

/**
 * Where a caller may do something to one register, as data the SQL can use: `all` (the whole
 * district, records outside any beat included) or the list of beats. An empty list means nowhere.
 */
export type BeatScope = 'all' | readonly number[];

/**
 * The scope of `action` on `register` for `subject`, derived from the pure policy (`decide`) by
 * asking it about every beat of the district and about a record outside any beat. The policy table
 * stays the one source of truth; this only turns its answers into a list the queries can filter by.
 *
 * Remembered per beat list (the directory's array, replaced when it reloads) and per subject: the
 * derivation asks the policy about every beat, and doing that on every request of an officer with a
 * hundred beats was the most expensive part of a request that reads nothing else.
 */
export function scopeFor(subject: Subject, action: Action, register: string, beats: readonly BeatRef[]): BeatScope {
  return scopesOf(subject, beats)(action, register);
}

/**
 * `scopeFor` of one subject over one beat list, for asking about several registers or actions (a
 * request, the access summary): the subject's part of the key is made once.
 */
export function scopesOf(subject: Subject, beats: readonly BeatRef[]): (action: Action, register: string) => BeatScope {
  let subjects = derived.get(beats);
  if (!subjects) derived.set(beats, subjects = new Map());
  const subjectKey = `${subject.role}|${subject.stationId}|${listKey(subject.beatIds)}|${listKey(subject.handoverBeatIds)}`;
  let known = subjects.get(subjectKey);
  if (!known) {
    if (subjects.size >= MAX_SUBJECTS) subjects.clear(); // many distinct users within one directory period: start over
    subjects.set(subjectKey, known = new Map());
  }
  const remembered = known;
  return (action, register) => {
    const key = `${action}|${register}`;
    let scope = remembered.get(key);
    if (scope === undefined) remembered.set(key, scope = deriveScope(subject, action, register, beats));
    return scope;
  };
}

/**
 * `make(list)`, made once per list and kept as long as the list lives. Beat lists are shared: a
 * session's lists for as long as it is cached, a scope's for every request of its subject (see
 * `scopesOf`), so what is derived from one (its text, its key, its digest) need not be made per request.
 */
export function oncePerList<T>(memo: WeakMap<readonly number[], T>, list: readonly number[], make: (list: readonly number[]) => T): T {
  let value = memo.get(list);
  if (value === undefined) memo.set(list, value = make(list));
  return value;
}

/** A beat id list as text (a subject's part of the scope key). */
const listKey = (ids: readonly number[]) => oncePerList(listKeys, ids, (list) => list.join(','));
const listKeys = new WeakMap<readonly number[], string>();

/** Per beat list, per subject (role, station, beats), the scope of each action and register. */
const derived = new WeakMap<readonly BeatRef[], Map<string, Map<string, BeatScope>>>();
/** Distinct subjects remembered per beat list (each holds at most actions × registers scopes). */
const MAX_SUBJECTS = 500;

function deriveScope(subject: Subject, action: Action, register: string, beats: readonly BeatRef[]): BeatScope {
  const allowed = beats.filter((beat) => decide(subject, action, { kind: 'record', register, beatId: beat.id, stationId: beat.stationId }).allow)
    .map((beat) => beat.id);
  const outsideBeats = decide(subject, action, { kind: 'record', register, beatId: null, stationId: null }).allow;
  // Frozen: one list is shared by every request of the subject.
  return outsideBeats && allowed.length === beats.length ? 'all' : Object.freeze(allowed);
}

export const isNowhere = (scope: BeatScope) => scope !== 'all' && scope.length === 0;

export const inScope = (scope: BeatScope, beatId: number | null) => scope === 'all' || (beatId !== null && scope.includes(beatId));

/**
 * The scope as one SQL array parameter, in PostgreSQL's array text (`{1,2,3}`, cast with
 * `::integer[]` where used): NULL for the whole district (prepared statements test `$n IS NULL`).
 * Text, made once per shared scope list, because pg would otherwise escape the array element by
 * element on every query.
 */
export function scopeParam(scope: BeatScope): string | null {
  return scope === 'all' ? null : oncePerList(arrayTexts, scope, (list) => `{${list.join(',')}}`);
}

const arrayTexts = new WeakMap<readonly number[], string>();

/** `column` within the scope, as a Kysely condition. */
export function scopeSql(scope: BeatScope, column: string): RawBuilder<unknown> {
  if (scope === 'all') return sql`true`;
  return sql`${sql.ref(column)} = ANY(${scopeParam(scope)}::integer[])`;
}

/**
 * A short stable key of a scope, for caches and ETags (beats sorted, so equal scopes share entries).
 * Made once per shared scope list (search asks it for every register on every keystroke).
 */
export function scopeKey(scope: BeatScope): string {
  return scope === 'all' ? 'all' : oncePerList(scopeKeys, scope, (list) => [...list].sort((a, b) => a - b).join(',') || 'none');
}

const scopeKeys = new WeakMap<readonly number[], string>();
