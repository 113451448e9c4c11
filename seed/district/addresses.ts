/**
 * Standard addresses (标准地址, the 一标 of 一标三实) for every building.
 *
 * A street-front building gets a 'door' row (望春路125号); a building inside a compound gets a
 * 'building' row (望春路123号 阳光花园 3幢). Buildings with homes then get one 'unit' row per
 * 单元 and one 'room' row per floor × unit × rooms-per-floor, linked room → unit → building through
 * parent_id, so a register can attach at whatever level it knows. Codes are derived from the community
 * code and the building's sequence in it, so the same (scale, seed) always yields the same codes.
 */
import type { AreaPlan } from './areas.js';
import type { BuildingPlan } from './buildings.js';
import type { StreetPlan } from './streets.js';
import { type XY, toLngLat } from './geometry.js';
import type { StandardAddressRow } from './types.js';
import type { AddressLevel } from '../../server/db/schema.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Police grid (警格) cells are 250 m squares counted from the district's south-west corner. */
const GRID_CELL = 250;
const GRID_ORIGIN: XY = [-5000, -3500];

function gridCode(beatCode: string, p: XY): string {
  const col = Math.floor((p[0] - GRID_ORIGIN[0]) / GRID_CELL);
  const row = Math.floor((p[1] - GRID_ORIGIN[1]) / GRID_CELL);
  return `${beatCode}-${pad(col, 2)}${pad(row, 2)}`;
}

/** A point in the building's own frame (x along its length, y across it) mapped to metres. */
function local(b: BuildingPlan, x: number, y: number): XY {
  const c = Math.cos(b.angle);
  const s = Math.sin(b.angle);
  return [b.center[0] + x * c - y * s, b.center[1] + x * s + y * c];
}

/**
 * Address rows for all buildings, ids 1..n in order. `buildings[i]` has id i + 1, and the area plans'
 * arrays map to ids the same way.
 */
export function generateAddresses(
  buildings: readonly BuildingPlan[], streets: readonly StreetPlan[], areas: AreaPlan,
): StandardAddressRow[] {
  const rows: StandardAddressRow[] = [];
  const seqInCommunity = new Map<number, number>();

  buildings.forEach((b, bi) => {
    const beat = areas.beats[b.beatIndex];
    if (!beat) throw new Error(`building ${bi} has no beat`);
    const community = areas.communities[beat.communityIndex];
    const sub = areas.subDistricts[beat.subIndex];
    const street = streets[b.streetIndex];
    if (!community || !sub || !street) throw new Error(`building ${bi} has dangling references`);
    const seq = (seqInCommunity.get(beat.communityIndex) ?? 0) + 1;
    seqInCommunity.set(beat.communityIndex, seq);

    const buildingCode = `${community.code}${pad(seq, 4)}`;
    let text = `海曙区${sub.name}${community.name}${street.name}${b.doorNumber}号`;
    if (b.compound) text += ` ${b.compound} ${b.buildingNo}幢`;
    const grid = gridCode(beat.code, b.center);

    // One literal with every column in a fixed order: 300k rows built by spreading a shared base
    // object were ten times slower (V8 falls back to dictionary-mode objects).
    const push = (code: string, level: AddressLevel, parentId: number | null, unitNo: string | null,
      floorNo: number | null, roomNo: string | null, fullAddress: string, point: [number, number]): number => {
      const id = rows.length + 1;
      rows.push({
        id, code, level, parent_id: parentId,
        sub_district_id: beat.subIndex + 1, community_id: beat.communityIndex + 1, beat_id: b.beatIndex + 1,
        street_id: b.streetIndex + 1, building_id: bi + 1,
        road: street.name, door_number: b.doorNumber, compound: b.compound, building_no: b.buildingNo,
        unit_no: unitNo, floor_no: floorNo, room_no: roomNo, grid_code: grid, full_address: fullAddress,
        geom: { type: 'Point', coordinates: point },
      });
      return id;
    };

    // The door of a street-front building is on its street face; a compound building is marked at its middle.
    const inset = b.width / 2 - 1.5;
    const topId = push(buildingCode, b.compound ? 'building' : 'door', null, null, null, null, text,
      toLngLat(b.compound ? b.center : local(b, 0, b.frontSign * inset)));
    if (b.roomsPerFloor === 0) return;

    const unitLength = b.length / b.units;
    for (let u = 1; u <= b.units; u++) {
      const unitNo = String(u);
      const unitCode = `${buildingCode}-${pad(u, 2)}`;
      const unitText = `${text} ${u}单元`;
      const unitX = -b.length / 2 + (u - 0.5) * unitLength;
      const unitId = push(unitCode, 'unit', topId, unitNo, null, null, unitText, toLngLat(local(b, unitX, b.frontSign * inset)));
      // Rooms stack floor over floor, so each room position is shared by every floor of the unit.
      const roomPoints = Array.from({ length: b.roomsPerFloor }, (_, k) =>
        toLngLat(local(b, -b.length / 2 + (u - 1 + (k + 0.5) / b.roomsPerFloor) * unitLength, -b.frontSign * b.width / 4)));
      for (let floor = b.firstRoomFloor; floor <= b.floors; floor++) {
        for (let k = 1; k <= b.roomsPerFloor; k++) {
          const room = floor * 100 + k;
          const roomNo = String(room);
          const [lng, lat] = roomPoints[k - 1] as [number, number];
          push(`${unitCode}-${pad(room, 4)}`, 'room', unitId, unitNo, floor, roomNo, `${unitText} ${roomNo}室`, [lng, lat]);
        }
      }
    }
  });
  return rows;
}
