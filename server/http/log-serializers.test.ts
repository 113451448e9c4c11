import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maskedLogSerializers } from './log-serializers.js';

describe('request log lines', () => {
  it('mask ID numbers and phones in URLs, encoded or not', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const app = Fastify({ logger: { level: 'info', stream, serializers: maskedLogSerializers } });
    app.get('/api/search', async () => ({ ok: true }));
    await app.inject('/api/search?q=330203199001011234');
    await app.inject(`/api/search?q=${encodeURIComponent('张三 13812345678')}`);
    await app.close();
    const text = lines.join('');
    expect(text).toContain('330203********1234');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('330203199001011234');
    expect(text).not.toContain('13812345678');
  });
});
