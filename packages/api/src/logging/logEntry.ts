import type { Logger } from './createLogger.js';
import { LineTransport } from './LineTransport.js';

const LEVEL = Symbol.for('level');
const SPLAT = Symbol.for('splat');
const noop = () => {};

/**
 * `logger.log(level, message, meta)` for a line written on every request: the same entry, through the logger's
 * own format, handed straight to its one {@link LineTransport}. winston would pass it through its object streams
 * first (a Transform piped to the transport's Writable), which cost more than the line itself. Whenever that shortcut
 * could differ — another transport, a transport level or format, lines still queued in the streams (order is kept),
 * a meta with winston's special fields — the entry goes through winston as usual.
 */
export function logEntry(logger: Logger, level: string, message: string, meta: Readonly<Record<string, unknown>>): void {
  if (logger.silent || !logger.isLevelEnabled(level)) return;
  const transport = soleLineTransport(logger);
  if (transport === undefined || 'message' in meta || 'stack' in meta || 'cause' in meta || 'exception' in meta) {
    logger.log(level, message, meta);
    return;
  }
  const info = Object.assign({}, logger.defaultMeta as object | undefined, meta, { [LEVEL]: level, [SPLAT]: [meta], level, message });
  const line = logger.format.transform(info, logger.format.options);
  if (typeof line === 'object') transport.log(line, noop);
}

function soleLineTransport(logger: Logger): LineTransport | undefined {
  const [transport, ...others] = logger.transports;
  if (!(transport instanceof LineTransport) || others.length > 0) return undefined;
  if (transport.silent === true || transport.level !== undefined || transport.format !== undefined) return undefined;
  if (logger.writableLength > 0 || logger.readableLength > 0 || transport.writableLength > 0) return undefined;
  return transport;
}
