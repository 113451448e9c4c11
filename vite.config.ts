// Vite configuration for the Beat Atlas web client (client/).
//
// - root is client/, the build goes to client/dist (served statically by the API server).
// - `npm run dev` proxies /api to the API server on API_PORT (default 3000), same origin for the page.
// - No CDN, no remote assets: everything is bundled from node_modules.
//
// Paths are absolute so that a vitest config that merges this file keeps working from the repo root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const outDir = fileURLToPath(new URL('./client/dist', import.meta.url));

const apiPort = process.env.API_PORT ?? '3000';
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: clientRoot,
  base: '/',
  publicDir: false,
  envDir: repoRoot,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // maplibre-gl alone is close to 1 MB minified; it is one deliberate chunk.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/maplibre-gl')) return 'maplibre';
          return undefined;
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      // Host header is kept (changeOrigin: false) so TileJSON tile URLs point back at the dev server.
      '/api': { target: apiTarget, changeOrigin: false, xfwd: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false, xfwd: true },
    },
  },
});
