import { ApiError } from './ApiError.js';

/**
 * Failures that express and its body parser raise before a route runs, as API errors: a body too large, not JSON,
 * not decompressible, not UTF-8, or a path whose %-encoding does not decode. Each is the client's mistake and gets a
 * 4xx naming it; whatever else carries a 4xx status from them is a 400. Anything else is left as it is.
 */
export function fromExpress(error: unknown): unknown {
  if (ApiError.isApiError(error) || error === null || typeof error !== 'object') return error;
  const { type, limit, status, code, name } = error as { type?: unknown; limit?: unknown; status?: unknown; code?: unknown; name?: unknown };
  if (type === 'entity.too.large') {
    return new ApiError(413, 'body_too_large', `The request body is larger than the limit of ${String(limit)} bytes.`, [
      { field: '/', rule: 'max_bytes', message: `must be at most ${String(limit)} bytes` },
    ]);
  }
  if (type === 'entity.parse.failed') return new ApiError(400, 'malformed_json', 'The request body is not valid JSON.', [{ field: '/', rule: 'json', message: 'is not valid JSON' }]);
  if (type === 'entity.verify.failed') return new ApiError(400, 'malformed_json', 'The request body is not valid UTF-8.', [{ field: '/', rule: 'utf8', message: 'is not valid UTF-8' }]);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError(415, 'unsupported_encoding', 'Send the body as UTF-8 JSON, uncompressed or with one Content-Encoding of gzip, deflate or br.', [
      { field: '/headers/content-encoding', rule: 'encoding', message: 'must be identity, gzip, deflate or br, with charset utf-8' },
    ]);
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new ApiError(400, 'malformed_body', 'The request body could not be decompressed as its Content-Encoding says.', [
      { field: '/headers/content-encoding', rule: 'encoding', message: 'does not match the body' },
    ]);
  }
  if (name === 'URIError' && status === 400) {
    return new ApiError(400, 'malformed_path', 'The path has a %-escape that does not decode to UTF-8.', [{ field: '/path', rule: 'encoding', message: 'is not valid percent-encoding' }]);
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(400, 'malformed_request', 'The request could not be read.', [{ field: '/', rule: 'readable', message: 'could not be read' }]);
  }
  return error;
}
