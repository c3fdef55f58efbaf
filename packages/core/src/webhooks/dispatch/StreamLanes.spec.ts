import { expect } from 'chai';
import { StreamLanes } from './StreamLanes.js';

describe(StreamLanes.name, () => {
  /** Streams that end when the test says; which are being sent, in the order they started. */
  const held = () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const send = (key: string) => {
      started.push(key);
      return new Promise<number>((resolve) => release.set(key, () => resolve(1)));
    };
    return { started, release: (key: string) => release.get(key)!(), send };
  };
  const streams = (...keys: string[]) => new Map(keys.map((key) => [key, key]));

  it('sends each stream in a lane of its own, and leaves a stream being sent to its lane when a run finds it again', async () => {
    const { started, release, send } = held();
    const lanes = new StreamLanes<string>({ lanes: () => 4, perEndpoint: () => 4 }, send);
    void lanes.offer(streams('a/1', 'a/2'));
    void lanes.offer(streams('a/1', 'b/1'));
    expect(started).to.deep.equal(['a/1', 'a/2', 'b/1']);
    for (const key of started) release(key);
    await lanes.settle();
  });

  it('gives one endpoint no more than its share of the lanes, and the others the rest', async () => {
    const { started, release, send } = held();
    const lanes = new StreamLanes<string>({ lanes: () => 4, perEndpoint: () => 3 }, send);
    const first = lanes.offer(streams('hang/1', 'hang/2', 'hang/3', 'hang/4', 'ok/1'));
    expect(started).to.deep.equal(['hang/1', 'hang/2', 'hang/3', 'ok/1']);
    release('ok/1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started, 'the freed lane does not go to the endpoint at its share').to.deep.equal(['hang/1', 'hang/2', 'hang/3', 'ok/1']);
    release('hang/1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.at(-1)).to.equal('hang/4');
    for (const key of ['hang/2', 'hang/3', 'hang/4']) release(key);
    expect(await first).to.equal(5);
  });
});
