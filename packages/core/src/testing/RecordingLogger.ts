import type { CoreLogger } from '../platform/CoreLogger.js';

/** One line a {@link RecordingLogger} kept. */
export interface LoggedLine {
  readonly level: 'error' | 'warn' | 'info';
  readonly message: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A core logger that keeps what it is told, for tests that check what was logged (and that it was logged once). */
export class RecordingLogger implements CoreLogger {
  readonly lines: LoggedLine[] = [];
  error(message: string, meta: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'error', message, meta });
  }
  warn(message: string, meta: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'warn', message, meta });
  }
  info(message: string, meta: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'info', message, meta });
  }
  /** The lines with this message. */
  withMessage(message: string): LoggedLine[] {
    return this.lines.filter((line) => line.message === message);
  }
}
