import 'reflect-metadata';
import nock from 'nock';
import { describeAdapterConformance } from '@flexroll/testkit';
import adapter from './index.js';
import { KRAKEN_TEST_CONFIG } from './test-support/krakenTestConfig.js';

describe('plugins/kraken', () => {
  // The kit's participations have no KrakenFlex device linked, so the adapter must not call Kraken at all.
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  });
  after(() => nock.enableNetConnect());

  describeAdapterConformance(adapter, { config: KRAKEN_TEST_CONFIG });
});
