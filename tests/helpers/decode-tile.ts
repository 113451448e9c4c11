import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export interface DecodedFeature {
  id: number | undefined; type: number; properties: Record<string, unknown>; rings: number;
  /** The feature's first point in tile units (for points: where it is drawn). */
  at: [number, number];
}

/** A vector tile as plain data: layer name → features sorted by id (encoders order features freely). */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new Pbf(bytes));
  const layers: Record<string, DecodedFeature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      const geometry = feature.loadGeometry();
      const first = geometry[0]?.[0];
      features.push({ id: feature.id, type: feature.type, properties: { ...feature.properties }, rings: geometry.length, at: [first?.x ?? NaN, first?.y ?? NaN] });
    }
    layers[name] = features.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  }
  return layers;
}
