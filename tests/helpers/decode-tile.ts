import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export interface DecodedFeature { id: number | undefined; type: number; properties: Record<string, unknown>; rings: number }

/** A vector tile as plain data: layer name → features sorted by id (encoders order features freely). */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new Pbf(bytes));
  const layers: Record<string, DecodedFeature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      features.push({ id: feature.id, type: feature.type, properties: { ...feature.properties }, rings: feature.loadGeometry().length });
    }
    layers[name] = features.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  return layers;
}
