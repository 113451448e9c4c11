/**
 * `npm run dev`: the API (tsx watch) on API_PORT and Vite's dev server with hot reload on PORT,
 * proxying /api to the API. Ctrl-C stops both.
 */
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
const api = spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts'], {
  stdio: 'inherit', env: { ...process.env, PORT: apiPort },
});
const vite = spawn('npx', ['vite', '--port', process.env.PORT ?? '3000', '--strictPort'], {
  stdio: 'inherit', env: { ...process.env, API_PORT: apiPort },
});
const stop = () => {
  api.kill('SIGINT');
  vite.kill('SIGINT');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of [api, vite]) child.on('exit', (code) => { stop(); process.exitCode ||= code ?? 0; });
