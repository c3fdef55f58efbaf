import { expect } from 'chai';
import { trustProxyValue } from './trustProxyValue.js';

describe('trustProxyValue', () => {
  it('gives express booleans, hop counts, and addresses or names as text', () => {
    expect(['false', 'true', '1', ' 2 ', 'loopback', '10.0.0.0/8, 127.0.0.1'].map(trustProxyValue)).to.deep.equal([false, true, 1, 2, 'loopback', '10.0.0.0/8, 127.0.0.1']);
  });
});
