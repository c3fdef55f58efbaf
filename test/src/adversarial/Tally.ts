import type { RawResponse } from '../support/rawRequest.js';

/**
 * What a part of the adversarial suite sent and what came back: counts by status, and every answer that breaks the
 * rules — a 5xx, or an error that is not the one JSON error shape. It prints one line of counts.
 */
export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly failures: string[] = [];
  sent = 0;

  constructor(private readonly title: string) {}

  record(what: string, response: RawResponse): void {
    this.sent++;
    this.byStatus.set(response.status, (this.byStatus.get(response.status) ?? 0) + 1);
    if (response.status >= 500) this.failures.push(`${what} → ${response.status} ${response.text.slice(0, 300)}`);
    else if (response.status >= 400 && !isErrorShape(response.json)) this.failures.push(`${what} → ${response.status} without the JSON error shape: ${response.text.slice(0, 200)}`);
  }

  /** A request that got no answer at all: also a failure (the server must answer what it can read). */
  recordNoAnswer(what: string, error: unknown): void {
    this.sent++;
    this.failures.push(`${what} → no answer: ${String(error)}`);
  }

  print(extra = ''): void {
    const statuses = [...this.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    const fivexx = [...this.byStatus].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    process.stdout.write(`      adversarial ${this.title}: ${this.sent} requests, ${fivexx} 5xx, ${this.failures.length} failures [${statuses}]${extra}\n`);
  }
}

function isErrorShape(body: unknown): boolean {
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' && typeof error.type === 'string' && Array.isArray(error.details) && typeof error.requestId === 'string';
}
