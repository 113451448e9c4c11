import type { Position } from 'geojson';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { checkGeometry, DEFAULT_MAX_VERTICES } from './geometry-input.js';
import type { GeometryCheck } from './geometry-input.js';

/**
 * Fixture positions on a 1/256-degree grid near Haishu. Base and step are exact binary fractions, so
 * collinear and touching fixtures stay exactly collinear and touching in floating point.
 */
const BASE_LNG = 121.5;
const BASE_LAT = 29.875;
const STEP = 1 / 256;
const at = (x: number, y: number): [number, number] => [BASE_LNG + x * STEP, BASE_LAT + y * STEP];
const ring = (...xy: [number, number][]): [number, number][] => xy.map(([x, y]) => at(x, y));
const polygon = (...rings: unknown[][]) => ({ type: 'Polygon', coordinates: rings });

/** 8×8 square, counter-clockwise (the RFC 7946 exterior winding). */
const SQUARE_CCW = ring([0, 0], [8, 0], [8, 8], [0, 8], [0, 0]);
/** 2×2 square hole in the middle, clockwise (the RFC 7946 hole winding). */
const HOLE_CW = ring([3, 3], [3, 5], [5, 5], [5, 3], [3, 3]);

function reasonOf(result: GeometryCheck): string {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.geometry)}`);
  return result.reason;
}

function geometryOf<G>(result: { ok: true; geometry: G } | { ok: false; reason: string }): G {
  if (!result.ok) throw new Error(`expected acceptance, got "${result.reason}"`);
  return result.geometry;
}

/** Twice the shoelace area; positive = counter-clockwise. */
function signedArea(positions: Position[]): number {
  let sum = 0;
  for (let i = 0; i < positions.length - 1; i++) sum += positions[i]![0]! * positions[i + 1]![1]! - positions[i + 1]![0]! * positions[i]![1]!;
  return sum;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

describe('checkGeometry: valid round trips', () => {
  it('returns a Point', () => {
    expect(geometryOf(checkGeometry({ type: 'Point', coordinates: [121.55, 29.87] }, 'Point')))
      .toEqual({ type: 'Point', coordinates: [121.55, 29.87] });
  });

  it('returns a LineString', () => {
    const coordinates = [[121.55, 29.87], [121.56, 29.87], [121.56, 29.88]];
    expect(geometryOf(checkGeometry({ type: 'LineString', coordinates }, 'LineString'))).toEqual({ type: 'LineString', coordinates });
  });

  it('returns a Polygon with a hole unchanged when its winding is already right', () => {
    expect(geometryOf(checkGeometry(polygon(SQUARE_CCW, HOLE_CW), 'Polygon'))).toEqual(polygon(SQUARE_CCW, HOLE_CW));
  });

  it('accepts the extreme longitudes and latitudes', () => {
    for (const coordinates of [[180, 90], [-180, -90], [0, 0]]) expect(checkGeometry({ type: 'Point', coordinates }, 'Point').ok).toBe(true);
  });

  it('accepts a triangle, the smallest ring', () => {
    expect(checkGeometry(polygon(ring([0, 0], [4, 0], [0, 4], [0, 0])), 'Polygon').ok).toBe(true);
  });

  it('accepts a concave ring', () => {
    const notch = ring([0, 0], [8, 0], [8, 8], [4, 2], [0, 8], [0, 0]);
    expect(checkGeometry(polygon(notch), 'Polygon').ok).toBe(true);
  });

  it('accepts repeated consecutive positions and keeps them', () => {
    const stutter = ring([0, 0], [8, 0], [8, 0], [8, 8], [0, 8], [0, 0]);
    expect(geometryOf(checkGeometry(polygon(stutter), 'Polygon')).coordinates[0]).toEqual(stutter);
  });

  it('accepts a hole touching the outer ring at one point, as PostGIS does', () => {
    const touching = ring([0, 4], [2, 3], [2, 5], [0, 4]);
    expect(checkGeometry(polygon(SQUARE_CCW, touching), 'Polygon').ok).toBe(true);
  });

  it('accepts several separate holes', () => {
    const left = ring([1, 1], [1, 2], [2, 2], [2, 1], [1, 1]);
    const right = ring([6, 6], [6, 7], [7, 7], [7, 6], [6, 6]);
    expect(checkGeometry(polygon(SQUARE_CCW, left, HOLE_CW, right), 'Polygon').ok).toBe(true);
  });

  it('accepts a line that crosses itself (valid, if not simple, in OGC)', () => {
    const line = ring([0, 0], [4, 4], [4, 0], [0, 4]);
    expect(checkGeometry({ type: 'LineString', coordinates: line }, 'LineString').ok).toBe(true);
  });

  it('types the geometry after the expected kind', () => {
    const result = checkGeometry(polygon(SQUARE_CCW), 'Polygon');
    if (result.ok) expectTypeOf(result.geometry.coordinates).toEqualTypeOf<Position[][]>();
    const point = checkGeometry({ type: 'Point', coordinates: [1, 2] }, 'Point');
    if (point.ok) expectTypeOf(point.geometry.coordinates).toEqualTypeOf<Position>();
  });
});

describe('checkGeometry: the object', () => {
  it.each([null, undefined, 'POINT(121.5 29.8)', 42, [121.5, 29.8]])('refuses %j', (input) => {
    expect(reasonOf(checkGeometry(input, 'Point'))).toBe('must be a GeoJSON geometry object');
  });

  it.each([
    [{ type: 'LineString', coordinates: SQUARE_CCW }, 'must be a Polygon, got LineString'],
    [{ type: 'polygon', coordinates: [SQUARE_CCW] }, 'must be a Polygon, got polygon'],
    [{ coordinates: [SQUARE_CCW] }, 'must be a Polygon, got no type'],
    [{ type: 7, coordinates: [SQUARE_CCW] }, 'must be a Polygon, got number'],
    [{ type: 'Feature', geometry: polygon(SQUARE_CCW), properties: {} }, 'must be a Polygon, got Feature'],
    [{ type: 'MultiPolygon', coordinates: [[SQUARE_CCW]] }, 'must be a Polygon, got MultiPolygon'],
  ])('refuses the wrong type %#', (input, reason) => {
    expect(reasonOf(checkGeometry(input, 'Polygon'))).toBe(reason);
  });

  it('refuses a crs member, whatever it says', () => {
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } };
    expect(reasonOf(checkGeometry({ type: 'Point', coordinates: [121.5, 29.8], crs }, 'Point')))
      .toBe('crs is not allowed: coordinates are WGS 84 longitude/latitude (RFC 7946)');
  });

  it.each(['properties', 'id', 'geometries', 'srid'])('refuses any other extra member: %s', (member) => {
    expect(reasonOf(checkGeometry({ type: 'Point', coordinates: [121.5, 29.8], [member]: 1 }, 'Point')))
      .toBe(`${member} is not allowed: a geometry has only type and coordinates`);
  });

  it('refuses a __proto__ member from JSON.parse', () => {
    expect(reasonOf(checkGeometry(JSON.parse('{"type":"Point","coordinates":[1,2],"__proto__":{}}'), 'Point')))
      .toBe('__proto__ is not allowed: a geometry has only type and coordinates');
  });

  it('allows bbox and leaves it out of the result', () => {
    const result = checkGeometry({ type: 'Point', coordinates: [121.5, 29.8], bbox: [121.5, 29.8, 121.5, 29.8] }, 'Point');
    expect(geometryOf(result)).toEqual({ type: 'Point', coordinates: [121.5, 29.8] });
  });

  it('refuses a missing coordinates member', () => {
    expect(reasonOf(checkGeometry({ type: 'Point' }, 'Point'))).toBe('coordinates is required');
  });
});

describe('checkGeometry: positions', () => {
  it.each([
    [[Number.NaN, 29.8]], [[Number.POSITIVE_INFINITY, 29.8]], [['121.5', '29.8']], [null], [[121.5, null]],
    [[121.5]], [[]], [[121.5, 29.8, 4, 1]], [{ lng: 121.5, lat: 29.8 }], [[121.5, 29.8, Number.NaN]],
    // A sparse array: the hole must not pass as a number.
    [[, 29.8]],
  ])('refuses the Point position %j', (coordinates) => {
    expect(reasonOf(checkGeometry({ type: 'Point', coordinates }, 'Point'))).toBe('coordinates must be [longitude, latitude] numbers');
  });

  it('names the index of a bad LineString position', () => {
    const coordinates = [[121.5, 29.8], [121.6, Number.NaN]];
    expect(reasonOf(checkGeometry({ type: 'LineString', coordinates }, 'LineString'))).toBe('coordinates[1] must be [longitude, latitude] numbers');
  });

  it('names the ring and index of a bad Polygon position', () => {
    const broken: unknown[][] = SQUARE_CCW.map((p) => [...p]);
    broken[3] = [null, 29.8];
    expect(reasonOf(checkGeometry({ type: 'Polygon', coordinates: [broken] }, 'Polygon'))).toBe('coordinates[0][3] must be [longitude, latitude] numbers');
    expect(reasonOf(checkGeometry({ type: 'Polygon', coordinates: [SQUARE_CCW, [...HOLE_CW.slice(0, 2), 'x', ...HOLE_CW.slice(3)]] }, 'Polygon')))
      .toBe('coordinates[1][2] must be [longitude, latitude] numbers');
  });

  it.each([
    [[200, 29.8], 'coordinates: longitude 200 is out of range'],
    [[-180.5, 29.8], 'coordinates: longitude -180.5 is out of range'],
    [[121.5, 91], 'coordinates: latitude 91 is out of range'],
    [[121.5, -90.0001], 'coordinates: latitude -90.0001 is out of range'],
    // The classic client mistake, [lat, lng]: caught because China's longitudes are above 90.
    [[29.8, 121.5], 'coordinates: latitude 121.5 is out of range'],
  ])('refuses the out-of-range Point %j', (coordinates, reason) => {
    expect(reasonOf(checkGeometry({ type: 'Point', coordinates }, 'Point'))).toBe(reason);
  });

  it('names the position of an out-of-range Polygon vertex', () => {
    const outside = [at(0, 0), [200, 29.875], at(8, 8), at(0, 8), at(0, 0)];
    expect(reasonOf(checkGeometry(polygon(outside), 'Polygon'))).toBe('coordinates[0][1]: longitude 200 is out of range');
  });

  it('reduces 3D positions to 2D in every geometry type', () => {
    expect(geometryOf(checkGeometry({ type: 'Point', coordinates: [121.5, 29.8, 12.5] }, 'Point')).coordinates).toEqual([121.5, 29.8]);
    const line = geometryOf(checkGeometry({ type: 'LineString', coordinates: [[121.5, 29.8, 1], [121.6, 29.8, 2]] }, 'LineString'));
    expect(line.coordinates).toEqual([[121.5, 29.8], [121.6, 29.8]]);
    const ring3d = SQUARE_CCW.map(([x, y]) => [x, y, 30]);
    expect(geometryOf(checkGeometry(polygon(ring3d), 'Polygon')).coordinates).toEqual([SQUARE_CCW]);
  });
});

describe('checkGeometry: LineString shape', () => {
  it.each([
    ['no positions', []],
    ['one position', [[121.5, 29.8]]],
    ['two equal positions', [[121.5, 29.8], [121.5, 29.8]]],
    ['three equal positions', [[121.5, 29.8], [121.5, 29.8], [121.5, 29.8]]],
  ])('refuses %s', (_, coordinates) => {
    expect(reasonOf(checkGeometry({ type: 'LineString', coordinates }, 'LineString'))).toBe('must have at least 2 distinct positions');
  });

  it('refuses coordinates that are not an array', () => {
    expect(reasonOf(checkGeometry({ type: 'LineString', coordinates: '121.5 29.8, 121.6 29.8' }, 'LineString')))
      .toBe('coordinates must be an array of positions');
  });
});

describe('checkGeometry: Polygon rings', () => {
  it.each([
    ['coordinates that are not an array', { rings: 'x' }, 'coordinates must be an array of linear rings'],
    ['no rings', { rings: [] }, 'coordinates must have at least one ring'],
    ['a ring that is not an array', { rings: [SQUARE_CCW, 5] }, 'coordinates[1] must be an array of positions'],
    ['a bare ring (one level of nesting short)', { rings: SQUARE_CCW }, 'coordinates[0][0] must be [longitude, latitude] numbers'],
  ])('refuses %s', (_, { rings }, reason) => {
    expect(reasonOf(checkGeometry({ type: 'Polygon', coordinates: rings }, 'Polygon'))).toBe(reason);
  });

  it('refuses a ring of fewer than 4 positions', () => {
    expect(reasonOf(checkGeometry(polygon(ring([0, 0], [4, 0], [0, 0])), 'Polygon'))).toBe('ring 0 must have at least 4 positions');
    expect(reasonOf(checkGeometry(polygon(SQUARE_CCW, ring([3, 3], [4, 4], [3, 3])), 'Polygon'))).toBe('ring 1 must have at least 4 positions');
  });

  it('refuses a ring that is not closed', () => {
    const open = ring([0, 0], [8, 0], [8, 8], [0, 8]);
    expect(reasonOf(checkGeometry(polygon(open), 'Polygon'))).toBe('ring 0 is not closed: the first and last positions must be equal');
  });

  it('refuses a ring of fewer than 3 distinct positions', () => {
    expect(reasonOf(checkGeometry(polygon(ring([0, 0], [4, 4], [4, 4], [0, 0])), 'Polygon'))).toBe('ring 0 must have at least 3 distinct positions');
  });

  it('refuses a figure-eight ring', () => {
    const figureEight = ring([0, 0], [4, 4], [4, 0], [0, 4], [0, 0]);
    expect(reasonOf(checkGeometry(polygon(figureEight), 'Polygon'))).toBe('ring 0 intersects itself');
  });

  it.each([
    ['a zero-area ring folding back on a line', ring([0, 0], [4, 0], [8, 0], [0, 0])],
    ['a spike out and back', ring([0, 0], [8, 0], [8, 8], [10, 10], [8, 8], [0, 8], [0, 0])],
    ['a ring touching itself at a vertex', ring([0, 0], [8, 0], [4, 4], [8, 8], [0, 8], [4, 4], [0, 0])],
    ['a vertex landing on another edge', ring([0, 0], [8, 0], [8, 8], [4, 0], [0, 8], [0, 0])],
    ['an edge running back along the previous one', ring([0, 0], [8, 0], [4, 0], [4, 8], [0, 0])],
    ['a loop in the last edge', ring([0, 0], [8, 0], [8, 8], [0, 8], [4, -4], [0, 0])],
  ])('refuses %s', (_, bad) => {
    expect(reasonOf(checkGeometry(polygon(bad), 'Polygon'))).toBe('ring 0 intersects itself');
  });

  it('names the hole that intersects itself', () => {
    const figureEightHole = ring([2, 2], [6, 6], [6, 2], [2, 6], [2, 2]);
    expect(reasonOf(checkGeometry(polygon(SQUARE_CCW, figureEightHole), 'Polygon'))).toBe('ring 1 intersects itself');
  });

  it.each([
    ['a hole crossing the outer ring', [ring([6, 6], [6, 10], [10, 10], [10, 6], [6, 6])], 'rings 0 and 1 cross or share an edge'],
    ['a hole sharing an edge with the outer ring', [ring([2, 0], [2, 2], [4, 2], [4, 0], [2, 0])], 'rings 0 and 1 cross or share an edge'],
    ['overlapping holes', [HOLE_CW, ring([4, 4], [4, 6], [6, 6], [6, 4], [4, 4])], 'rings 1 and 2 cross or share an edge'],
    ['a hole outside the outer ring', [ring([10, 10], [10, 12], [12, 12], [12, 10], [10, 10])], 'ring 1 is not inside the outer ring'],
    ['a hole around the outer ring', [ring([-2, -2], [-2, 10], [10, 10], [10, -2], [-2, -2])], 'ring 1 is not inside the outer ring'],
    ['a hole inside another hole', [ring([1, 1], [1, 7], [7, 7], [7, 1], [1, 1]), HOLE_CW], 'ring 2 is inside ring 1; holes must not nest'],
  ])('refuses %s', (_, holes, reason) => {
    expect(reasonOf(checkGeometry(polygon(SQUARE_CCW, ...holes), 'Polygon'))).toBe(reason);
  });
});

describe('checkGeometry: vertex limit', () => {
  const line = (count: number) => ({
    type: 'LineString',
    coordinates: Array.from({ length: count }, (_, i) => [100 + i / 1000, 30]),
  });

  it('accepts exactly the default limit', () => {
    expect(DEFAULT_MAX_VERTICES).toBe(10_000);
    expect(checkGeometry(line(10_000), 'LineString').ok).toBe(true);
  });

  it('refuses one more than the default limit', () => {
    expect(reasonOf(checkGeometry(line(10_001), 'LineString'))).toBe('has 10,001 vertices; at most 10,000 are allowed');
  });

  it('counts every ring of a polygon, closing positions included', () => {
    expect(reasonOf(checkGeometry(polygon(SQUARE_CCW, HOLE_CW), 'Polygon', { maxVertices: 9 }))).toBe('has 10 vertices; at most 9 are allowed');
    expect(checkGeometry(polygon(SQUARE_CCW, HOLE_CW), 'Polygon', { maxVertices: 10 }).ok).toBe(true);
  });

  it('checks the count before looking at the positions', () => {
    const junk = { type: 'LineString', coordinates: Array.from({ length: 20 }, () => 'x') };
    expect(reasonOf(checkGeometry(junk, 'LineString', { maxVertices: 10 }))).toBe('has 20 vertices; at most 10 are allowed');
  });

  it('validates a 10,000-vertex polygon', () => {
    const n = DEFAULT_MAX_VERTICES - 1;
    const circle = Array.from({ length: n }, (_, i) => [121.5 + 0.01 * Math.cos((2 * Math.PI * i) / n), 29.8 + 0.01 * Math.sin((2 * Math.PI * i) / n)]);
    circle.push(circle[0]!);
    expect(checkGeometry({ type: 'Polygon', coordinates: [circle] }, 'Polygon').ok).toBe(true);
  });

  it.each([0, -1, 2.5, Number.NaN])('throws for maxVertices %s (a programming error)', (maxVertices) => {
    expect(() => checkGeometry(line(2), 'LineString', { maxVertices })).toThrow(RangeError);
  });
});

describe('checkGeometry: winding', () => {
  it('turns a clockwise exterior counter-clockwise', () => {
    const clockwise = [...SQUARE_CCW].reverse();
    expect(signedArea(clockwise)).toBeLessThan(0);
    const result = geometryOf(checkGeometry(polygon(clockwise), 'Polygon'));
    expect(signedArea(result.coordinates[0]!)).toBeGreaterThan(0);
    expect(result.coordinates).toEqual([SQUARE_CCW]);
  });

  it('turns a counter-clockwise hole clockwise', () => {
    const counterClockwiseHole = [...HOLE_CW].reverse();
    const result = geometryOf(checkGeometry(polygon(SQUARE_CCW, counterClockwiseHole), 'Polygon'));
    expect(signedArea(result.coordinates[1]!)).toBeLessThan(0);
    expect(result.coordinates).toEqual([SQUARE_CCW, HOLE_CW]);
  });

  it('fixes both rings of a polygon wound the wrong way round', () => {
    const result = geometryOf(checkGeometry(polygon([...SQUARE_CCW].reverse(), [...HOLE_CW].reverse()), 'Polygon'));
    expect(result.coordinates).toEqual([SQUARE_CCW, HOLE_CW]);
  });
});

describe('checkGeometry: the input is left alone', () => {
  it('never mutates the input and returns new arrays', () => {
    const input = deepFreeze(polygon([...SQUARE_CCW].reverse().map(([x, y]) => [x, y, 5]), [...HOLE_CW].reverse()));
    const before = structuredClone(input);
    const result = geometryOf(checkGeometry(input, 'Polygon'));
    expect(input).toEqual(before);
    expect(result).not.toBe(input);
    expect(result.coordinates).not.toBe(input.coordinates);
    expect(result.coordinates[0]).not.toBe(input.coordinates[0]);
    expect(result.coordinates[0]![0]).not.toBe(input.coordinates[0]![0]);
  });

  it('returns positions that are not shared with the input, for every type', () => {
    const point = { type: 'Point', coordinates: [121.5, 29.8] };
    expect(geometryOf(checkGeometry(point, 'Point')).coordinates).not.toBe(point.coordinates);
    const line = { type: 'LineString', coordinates: [[121.5, 29.8], [121.6, 29.8]] };
    const out = geometryOf(checkGeometry(line, 'LineString'));
    expect(out.coordinates).not.toBe(line.coordinates);
    expect(out.coordinates[0]).not.toBe(line.coordinates[0]);
  });
});
