import { expect } from 'chai';
import { currentTrace, outgoingTraceparent, parseTraceparent, runWithTrace, startTrace, traceFor, tracedFetch } from './traceContext.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('W3C trace context', () => {
  it('accepts a version-00 traceparent and continues its trace with a new span', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).to.deep.equal({ traceId: TRACE, parentId: PARENT, flags: '01' });
    const trace = startTrace(`00-${TRACE}-${PARENT}-01`);
    expect([trace.traceId, trace.flags]).to.deep.equal([TRACE, '01']);
    expect(trace.spanId).to.match(/^[0-9a-f]{16}$/).and.not.equal(PARENT);
  });

  it('reads a later version’s first four fields, and refuses what the spec calls invalid', () => {
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-09-what-comes-later`)).to.deep.equal({ traceId: TRACE, parentId: PARENT, flags: '01' });
    for (const bad of [
      `ff-${TRACE}-${PARENT}-01`, // version ff
      `00-${TRACE}-${PARENT}-01-extra`, // version 00 has four fields
      `00-${TRACE.toUpperCase()}-${PARENT}-01`, // upper case
      `00-${'0'.repeat(32)}-${PARENT}-01`, // all-zero trace id
      `00-${TRACE}-${'0'.repeat(16)}-01`, // all-zero parent id
      `00-${TRACE.slice(1)}-${PARENT}-01`, `00-${TRACE}-${PARENT}-1`, `00_${TRACE}_${PARENT}_01`, '', 'garbage',
    ]) expect(parseTraceparent(bad), bad).to.equal(undefined);
  });

  it('replaces a bad or missing traceparent with a new trace', () => {
    for (const given of [undefined, 'garbage', `00-${'0'.repeat(32)}-${PARENT}-01`]) {
      const trace = startTrace(given);
      expect(trace.traceId).to.match(/^[0-9a-f]{32}$/).and.not.equal('0'.repeat(32));
      expect(trace.flags).to.equal('00');
    }
  });

  it('gives every attempt at one piece of work the same trace, and another piece another', () => {
    expect(traceFor('msg_1').traceId).to.equal(traceFor('msg_1').traceId);
    expect(traceFor('msg_1').traceId).to.not.equal(traceFor('msg_2').traceId);
  });

  it('carries the current trace across awaits, and into each outgoing call without one of its own', async () => {
    const sent: Array<string | null> = [];
    const fetchStub = tracedFetch(async (_input, init) => {
      sent.push(new Headers(init?.headers).get('traceparent'));
      return new Response(null, { status: 204 });
    });
    const trace = startTrace(`00-${TRACE}-${PARENT}-01`);
    await runWithTrace(trace, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTrace()).to.equal(trace);
      await fetchStub('http://operator.example/sites', { headers: { accept: 'application/json' } });
      await fetchStub('http://operator.example/sites', { headers: { traceparent: `00-${TRACE}-${'1'.repeat(16)}-01` } });
    });
    await fetchStub('http://operator.example/sites');
    expect(sent).to.deep.equal([outgoingTraceparent(trace), `00-${TRACE}-${'1'.repeat(16)}-01`, null]);
    expect(outgoingTraceparent(trace)).to.equal(`00-${TRACE}-${trace.spanId}-01`);
  });
});
