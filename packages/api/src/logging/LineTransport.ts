import Transport from 'winston-transport';

const MESSAGE = Symbol.for('message');

/**
 * Writes each finished line to a stream, and nothing else: winston's own Console and Stream transports add an
 * event and a timer per entry, which cost more than the line itself when one is written per request.
 */
export class LineTransport extends Transport {
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
  }

  override log(info: Record<string | symbol, unknown>, done: () => void): void {
    this.stream.write(`${String(info[MESSAGE])}\n`);
    done();
  }
}
