import type { AdapterLogger } from '@flexroll/sdk';
import type { CoreLogger } from '../../platform/index.js';

type Meta = Readonly<Record<string, unknown>>;

/**
 * The logger an adapter asks for: lines go to the host's logger with the scope's metadata (the adapter, its
 * workspace and instance), which the adapter's own metadata cannot override, and every string in the message or the
 * metadata passes through `redact` first — the one cleaner that also cleans the adapter's errors — so a secret the
 * adapter logs by mistake never reaches the log.
 */
export function scopedAdapterLogger(host: CoreLogger, scope: Meta, redact: (text: string) => string): AdapterLogger {
  const clean = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return redact(value);
    if (depth > 4 || typeof value !== 'object' || value === null) return value;
    if (value instanceof Error) return redact(value.message);
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, clean(item, depth + 1)]));
  };
  const line = (meta: Meta | undefined) => ({ ...(clean(meta ?? {}) as Meta), ...scope });
  return {
    error: (message, meta) => host.error(redact(message), line(meta)),
    warn: (message, meta) => host.warn(redact(message), line(meta)),
    info: (message, meta) => host.info(redact(message), line(meta)),
    child: (meta) => scopedAdapterLogger(host, { ...(clean(meta) as Meta), ...scope }, redact),
  };
}
