/** `npm run bench -- <name>`: run one benchmark and print its figures. */
import { runCli, UsageError } from '../server/cli/run-cli.js';

const BENCHES: Record<string, () => Promise<void>> = {
  tiles: async () => (await import('./tiles.bench.js')).benchTiles(),
  startup: async () => (await import('./startup.bench.js')).benchStartup(),
  registers: async () => (await import('./registers.bench.js')).benchRegisters(),
  search: async () => (await import('./search.bench.js')).benchSearch(),
  'first-render': async () => (await import('./first-render.bench.js')).benchFirstRender(),
  pan: async () => (await import('./pan.bench.js')).benchPan(),
};

await runCli(async () => {
  const name = process.argv[2];
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) throw new UsageError(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>${name ? ` (unknown benchmark "${name}")` : ''}`);
  await bench();
});
