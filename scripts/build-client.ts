/** `npm run build:client`: the production build of the client into client/dist. */
import { build } from 'vite';

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
