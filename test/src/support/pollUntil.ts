/**
 * Reads `read` every 50 ms until `holds` accepts its answer, and gives that answer; gives up after `ms` with the last
 * answer in the error. For state that background work (the worker, the outbox, a sweep) reaches some time after the
 * event a test can see: a fixed sleep before one read is too short on a loaded machine and wasted time on an idle one.
 */
export async function pollUntil<T>(what: string, read: () => Promise<T>, holds: (answer: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await read();
    if (holds(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms; the last answer was ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
