import nock from 'nock';

/**
 * Runs `work` with every outbound call to a host other than loopback refused (nock's `disableNetConnect`), so an
 * adapter that would call its real operator fails instead; calls an {@link OperatorFake} answers still pass. The
 * conformance scenarios run inside it. Net connect is restored afterwards.
 * @example await withoutRealHosts(() => kit.harness.outbox.drain());
 */
export async function withoutRealHosts<T>(work: () => Promise<T>): Promise<T> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  try {
    return await work();
  } finally {
    nock.enableNetConnect();
  }
}
