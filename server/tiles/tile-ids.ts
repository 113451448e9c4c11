import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

/**
 * The feature ids of one layer of an MVT — the record ids a tile hands out, for the audit of reads
 * of individual cases. Read once when the tile is built (and kept with it in the cache), never per request.
 */
export function featureIds(mvt: Uint8Array, layerName: string): number[] {
  const layer = new VectorTile(new Pbf(mvt)).layers[layerName];
  if (!layer) return [];
  const ids: number[] = [];
  for (let i = 0; i < layer.length; i++) {
    const id = layer.feature(i).id;
    if (id !== undefined) ids.push(Number(id));
  }
  return ids;
}
