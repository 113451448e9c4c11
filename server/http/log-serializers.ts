import type { FastifyRequest } from 'fastify';
import { maskText } from '../privacy/masking.js';

/**
 * Request log lines without personal data: a search for an ID number or a phone puts it in the URL
 * (`/api/search?q=330203…`), and log files outlive every access rule. Fastify's default request
 * serializer, with the URL masked; the body is never logged.
 */
export const maskedLogSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: maskText(safeDecode(request.url)),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

/** %-decoded where possible, so an encoded ID number is masked too. */
function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
