/** Types of build-server.mjs, for the benchmarks that start the compiled server. */
export declare const DIST: string;
export declare const SERVER_NODE_FLAGS: string[];
export declare function buildServer(options?: { extraEntries?: string[] }): Promise<{ modules: number; ms: number }>;
