import { build } from 'vite';

/** The browser tests run against the production build of the client, as `npm start` serves it. */
export default async function buildClient(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
