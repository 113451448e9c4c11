/**
 * Validation of GeoJSON geometry sent by API clients, before it reaches PostGIS. Pure; no I/O.
 *
 * The registers store `geometry(<type>, 4326) CHECK (ST_IsValid(geom))`. Letting PostGIS find a bad
 * shape costs a round trip and yields an error no client can act on, so the same rules are applied here
 * with a reason that names the offending position or ring. Accepted input comes back as a fresh, 2D
 * geometry with RFC 7946 winding (exterior counter-clockwise, holes clockwise).
 *
 * Planar tests are done in degrees, as GEOS does for SRID 4326.
 */
import type { Geometry, LineString, Point, Polygon, Position } from 'geojson';

export type GeometryKind = 'Point' | 'LineString' | 'Polygon';

type GeometryOf<K extends GeometryKind> = K extends 'Point' ? Point : K extends 'LineString' ? LineString : Polygon;

export type GeometryCheck<G extends Geometry = Geometry> = { ok: true; geometry: G } | { ok: false; reason: string };

export interface GeometryCheckOptions {
  /** Most positions allowed in total (closing positions count); default DEFAULT_MAX_VERTICES. */
  maxVertices?: number;
}

/** Enough for any parcel or patrol route; bounds the work of the intersection tests and the insert. */
export const DEFAULT_MAX_VERTICES = 10_000;
/** `bbox` is harmless (RFC 7946 allows it); it is dropped because winding or 3D removal could stale it. */
const ALLOWED_MEMBERS: ReadonlySet<string> = new Set(['type', 'coordinates', 'bbox']);
const CRS_REFUSAL = 'crs is not allowed: coordinates are WGS 84 longitude/latitude (RFC 7946)';
const LONGITUDE_LIMIT = 180;
const LATITUDE_LIMIT = 90;
const MIN_LINE_POSITIONS = 2;
/** A closed ring is a triangle at least: three corners and the closing repeat. */
const MIN_RING_POSITIONS = 4;
const MIN_RING_DISTINCT = 3;

type XY = [number, number];
type Failure = { ok: false; reason: string };

/** Accept `input` as a geometry of type `expected`, or say what is wrong with it. */
export function checkGeometry<K extends GeometryKind>(
  input: unknown,
  expected: K,
  options: GeometryCheckOptions = {},
): GeometryCheck<GeometryOf<K>> {
  const maxVertices = options.maxVertices ?? DEFAULT_MAX_VERTICES;
  if (!Number.isInteger(maxVertices) || maxVertices < 1) throw new RangeError(`maxVertices must be a positive integer, got ${maxVertices}`);

  const envelope = checkEnvelope(input, expected);
  if (envelope) return fail(envelope);
  const coordinates = (input as { coordinates: unknown }).coordinates;
  // Each branch builds the matching geometry type; TypeScript can't follow K through the switch.
  switch (expected) {
    case 'Point': return checkPoint(coordinates) as GeometryCheck<GeometryOf<K>>;
    case 'LineString': return checkLineString(coordinates, maxVertices) as GeometryCheck<GeometryOf<K>>;
    default: return checkPolygon(coordinates, maxVertices) as GeometryCheck<GeometryOf<K>>;
  }
}

function fail(reason: string): Failure {
  return { ok: false, reason };
}

// ---- the object around the coordinates --------------------------------------------------------------

function checkEnvelope(input: unknown, expected: GeometryKind): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'must be a GeoJSON geometry object';
  const members = input as Record<string, unknown>;
  const type = members.type;
  if (type !== expected) return `must be a ${expected}, got ${describeType(type)}`;
  const keys = Object.keys(members);
  // Named first: a crs member means the client thinks in another coordinate system, which is the real problem.
  if (keys.includes('crs')) return CRS_REFUSAL;
  const extra = keys.find((key) => !ALLOWED_MEMBERS.has(key));
  if (extra !== undefined) return `${extra} is not allowed: a geometry has only type and coordinates`;
  if (!('coordinates' in members)) return 'coordinates is required';
  return null;
}

function describeType(type: unknown): string {
  if (type === undefined) return 'no type';
  return typeof type === 'string' ? type : typeof type;
}

// ---- positions --------------------------------------------------------------------------------------

/** A 2D position, or the reason it isn't one; a third number (altitude) is checked and then dropped. */
function readPosition(value: unknown, path: string): XY | string {
  if (!isNumberTuple(value)) return `${path} must be [longitude, latitude] numbers`;
  const [lng, lat] = value;
  if (Math.abs(lng) > LONGITUDE_LIMIT) return `${path}: longitude ${lng} is out of range`;
  if (Math.abs(lat) > LATITUDE_LIMIT) return `${path}: latitude ${lat} is out of range`;
  return [lng, lat];
}

function isNumberTuple(value: unknown): value is [number, number, ...number[]] {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return false;
  // An index loop, not every(): every() skips the holes of a sparse array such as [, 29.8].
  for (let i = 0; i < value.length; i++) {
    const n: unknown = value[i];
    if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  return true;
}

function readPath(value: unknown, path: string): XY[] | string {
  if (!Array.isArray(value)) return `${path} must be an array of positions`;
  const out: XY[] = [];
  for (let i = 0; i < value.length; i++) {
    const position = readPosition(value[i], `${path}[${i}]`);
    if (typeof position === 'string') return position;
    out.push(position);
  }
  return out;
}

function tooManyVertices(count: number, maxVertices: number): string | null {
  if (count <= maxVertices) return null;
  return `has ${count.toLocaleString('en-US')} vertices; at most ${maxVertices.toLocaleString('en-US')} are allowed`;
}

function samePosition(a: XY, b: XY): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Positions with runs of repeats collapsed; PostGIS accepts repeats, but they make zero-length segments. */
function withoutRepeats(positions: readonly XY[]): XY[] {
  return positions.filter((p, i) => i === 0 || !samePosition(p, positions[i - 1]!));
}

function distinctCount(positions: readonly XY[]): number {
  return new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
}

// ---- Point and LineString ---------------------------------------------------------------------------

function checkPoint(coordinates: unknown): GeometryCheck<Point> {
  const position = readPosition(coordinates, 'coordinates');
  if (typeof position === 'string') return fail(position);
  return { ok: true, geometry: { type: 'Point', coordinates: position } };
}

function checkLineString(coordinates: unknown, maxVertices: number): GeometryCheck<LineString> {
  if (!Array.isArray(coordinates)) return fail('coordinates must be an array of positions');
  const tooMany = tooManyVertices(coordinates.length, maxVertices);
  if (tooMany) return fail(tooMany);
  const line = readPath(coordinates, 'coordinates');
  if (typeof line === 'string') return fail(line);
  // ST_IsValid refuses a line that collapses to a point.
  if (distinctCount(line) < MIN_LINE_POSITIONS) return fail(`must have at least ${MIN_LINE_POSITIONS} distinct positions`);
  return { ok: true, geometry: { type: 'LineString', coordinates: line } };
}

// ---- Polygon ----------------------------------------------------------------------------------------

function checkPolygon(coordinates: unknown, maxVertices: number): GeometryCheck<Polygon> {
  if (!Array.isArray(coordinates)) return fail('coordinates must be an array of linear rings');
  if (coordinates.length === 0) return fail('coordinates must have at least one ring');
  const notArray = coordinates.findIndex((ring) => !Array.isArray(ring));
  if (notArray >= 0) return fail(`coordinates[${notArray}] must be an array of positions`);
  const count = (coordinates as unknown[][]).reduce((sum, ring) => sum + ring.length, 0);
  const tooMany = tooManyVertices(count, maxVertices);
  if (tooMany) return fail(tooMany);

  const rings: XY[][] = [];
  for (let r = 0; r < coordinates.length; r++) {
    const ring = readPath(coordinates[r], `coordinates[${r}]`);
    if (typeof ring === 'string') return fail(ring);
    const problem = checkRingShape(ring, r);
    if (problem) return fail(problem);
    rings.push(ring);
  }
  const problem = checkRingTopology(rings);
  if (problem) return fail(problem);
  return { ok: true, geometry: { type: 'Polygon', coordinates: rings.map((ring, r) => orient(ring, r === 0)) } };
}

function checkRingShape(ring: readonly XY[], r: number): string | null {
  if (ring.length < MIN_RING_POSITIONS) return `ring ${r} must have at least ${MIN_RING_POSITIONS} positions`;
  if (!samePosition(ring[0]!, ring[ring.length - 1]!)) return `ring ${r} is not closed: the first and last positions must be equal`;
  if (distinctCount(ring) < MIN_RING_DISTINCT) return `ring ${r} must have at least ${MIN_RING_DISTINCT} distinct positions`;
  return null;
}

/** The rules of ST_IsValid between and within rings, checked in ring order so the reason is stable. */
function checkRingTopology(rings: readonly XY[][]): string | null {
  const simple = rings.map(withoutRepeats);
  for (let r = 0; r < simple.length; r++) {
    if (findSegmentConflict(ringSegments(simple[r]!, r))) return `ring ${r} intersects itself`;
  }
  if (simple.length === 1) return null;
  const conflict = findSegmentConflict(simple.flatMap((ring, r) => ringSegments(ring, r)));
  if (conflict) return `rings ${Math.min(...conflict)} and ${Math.max(...conflict)} cross or share an edge`;
  // With no crossings, a hole is either wholly inside or wholly outside any other ring: one vertex
  // strictly inside decides (vertices on the other ring's boundary say nothing).
  const boxes = simple.map(boxOf);
  const hasVertexInside = (h: number, o: number): boolean =>
    containsBox(boxes[o]!, boxes[h]!) && simple[h]!.some((p) => locate(p, simple[o]!) === 'inside');
  for (let h = 1; h < simple.length; h++) {
    if (!hasVertexInside(h, 0)) return `ring ${h} is not inside the outer ring`;
    const host = simple.findIndex((_, o) => o > 0 && o !== h && hasVertexInside(h, o));
    if (host >= 0) return `ring ${h} is inside ring ${host}; holes must not nest`;
  }
  return null;
}

interface Box { minX: number; minY: number; maxX: number; maxY: number }

function boxOf(ring: readonly XY[]): Box {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Cheap pre-test: a ring can only lie inside another whose box holds its box. */
function containsBox(outer: Box, inner: Box): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

/** Exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6); returns a new ring either way. */
function orient(ring: readonly XY[], exterior: boolean): Position[] {
  const counterClockwise = signedArea(ring) > 0;
  const copy = ring.map((p): Position => [p[0], p[1]]);
  return counterClockwise === exterior ? copy : copy.reverse();
}

/** Twice the shoelace area; positive when the ring turns counter-clockwise (x east, y north). */
function signedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

// ---- segment intersection ---------------------------------------------------------------------------

interface Segment {
  ring: number;
  /** Index within its ring; the ring's segment count tells which pairs are neighbours. */
  index: number;
  count: number;
  a: XY;
  b: XY;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function ringSegments(ring: readonly XY[], r: number): Segment[] {
  const count = ring.length - 1;
  const segments: Segment[] = [];
  for (let i = 0; i < count; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    segments.push({
      ring: r, index: i, count, a, b,
      minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]),
    });
  }
  return segments;
}

/**
 * The rings of the first two segments that may not meet as they do, or null. Sweeps in x so only
 * segments whose x ranges overlap are compared: near-linear for the shapes people draw, and never
 * worse than all pairs, which the vertex limit keeps affordable.
 */
function findSegmentConflict(segments: Segment[]): [number, number] | null {
  const sorted = [...segments].sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.minX <= s.maxX; j++) {
      const t = sorted[j]!;
      if (t.minY > s.maxY || t.maxY < s.minY) continue;
      if (conflicts(s, t)) return [s.ring, t.ring];
    }
  }
  return null;
}

/**
 * Within a ring, neighbouring segments may share only their common vertex and other segments may not
 * meet at all (a ring touching itself is invalid in OGC). Different rings may touch at a point but not
 * cross or run along each other.
 */
function conflicts(s: Segment, t: Segment): boolean {
  if (s.ring !== t.ring) return properlyCross(s, t) || overlapAlong(s, t);
  const gap = Math.abs(s.index - t.index);
  const neighbours = gap === 1 || gap === s.count - 1;
  if (!neighbours) return touch(s, t);
  // Neighbours meet at a vertex; they conflict only when one folds back along the other.
  return (onSegment(t.a, s) && !samePosition(t.a, s.a) && !samePosition(t.a, s.b))
    || (onSegment(t.b, s) && !samePosition(t.b, s.a) && !samePosition(t.b, s.b))
    || (onSegment(s.a, t) && !samePosition(s.a, t.a) && !samePosition(s.a, t.b))
    || (onSegment(s.b, t) && !samePosition(s.b, t.a) && !samePosition(s.b, t.b));
}

/** Sign of the turn a → b → c: 1 left, -1 right, 0 collinear. */
function turn(a: XY, b: XY, c: XY): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** p lies on the closed segment s. */
function onSegment(p: XY, s: Segment): boolean {
  return turn(s.a, s.b, p) === 0 && p[0] >= s.minX && p[0] <= s.maxX && p[1] >= s.minY && p[1] <= s.maxY;
}

/** The closed segments share at least one point. */
function touch(s: Segment, t: Segment): boolean {
  return properlyCross(s, t) || onSegment(t.a, s) || onSegment(t.b, s) || onSegment(s.a, t) || onSegment(s.b, t);
}

/** The segments cross at one point inside both. */
function properlyCross(s: Segment, t: Segment): boolean {
  return turn(s.a, s.b, t.a) * turn(s.a, s.b, t.b) < 0 && turn(t.a, t.b, s.a) * turn(t.a, t.b, s.b) < 0;
}

/** The segments are collinear and share a stretch of positive length. */
function overlapAlong(s: Segment, t: Segment): boolean {
  if (turn(s.a, s.b, t.a) !== 0 || turn(s.a, s.b, t.b) !== 0) return false;
  // Measure along the axis the segment spans most, so vertical segments work too.
  const axis = s.maxX - s.minX >= s.maxY - s.minY ? 0 : 1;
  const lo = Math.max(Math.min(s.a[axis], s.b[axis]), Math.min(t.a[axis], t.b[axis]));
  const hi = Math.min(Math.max(s.a[axis], s.b[axis]), Math.max(t.a[axis], t.b[axis]));
  return hi > lo;
}

/** Where p is relative to a closed ring, by ray casting east with the boundary reported apart. */
function locate(p: XY, ring: readonly XY[]): 'inside' | 'outside' | 'boundary' {
  let inside = false;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    if (turn(a, b, p) === 0 && p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0])
      && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1])) return 'boundary';
    if ((a[1] > p[1]) !== (b[1] > p[1])) {
      const x = a[0] + ((p[1] - a[1]) / (b[1] - a[1])) * (b[0] - a[0]);
      if (x > p[0]) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}
