import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import winston from 'winston';
import { createLogger } from './createLogger.js';
import { logEntry } from './logEntry.js';

/** A logger writing to a stream whose lines the test reads back, timestamps removed. */
function logged(level?: string) {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  const logger = createLogger({ stream, ...(level === undefined ? {} : { level }) });
  const read = () => lines.map((line) => line.replace(/"timestamp":"[^"]+"/, '"timestamp":"T"'));
  return { logger, read };
}

const META = { requestId: 'req_1', workspaceId: undefined, keyId: 'key_1', method: 'GET', route: 'GET /x', status: 200, latencyMs: 1.5, note: 'fr_live_sk_secret' };

describe(logEntry.name, () => {
  it('writes the line logger.log writes: same fields in the same order, redacted, timestamped', async () => {
    const direct = logged();
    const winstons = logged();
    logEntry(direct.logger, 'info', 'request', META);
    winstons.logger.log('info', 'request', META);
    await new Promise((resolve) => setImmediate(resolve));
    expect(direct.read()).to.deep.equal(winstons.read());
    expect(direct.read()[0]).to.equal('{"requestId":"req_1","keyId":"key_1","method":"GET","route":"GET /x","status":200,"latencyMs":1.5,"note":"[REDACTED]","level":"info","message":"request","timestamp":"T"}');
  });

  it('writes nothing below the logger’s level', async () => {
    const { logger, read } = logged('warn');
    logEntry(logger, 'info', 'request', META);
    await new Promise((resolve) => setImmediate(resolve));
    expect(read()).to.deep.equal([]);
  });

  it('goes through winston when the logger has another transport', async () => {
    const { logger, read } = logged();
    const other = new winston.transports.Stream({ stream: new PassThrough() });
    logger.add(other);
    let seen = 0;
    other.on('logged', () => seen++);
    logEntry(logger, 'info', 'request', META);
    await new Promise((resolve) => setImmediate(resolve));
    expect([read().length, seen]).to.deep.equal([1, 1]);
  });
});
