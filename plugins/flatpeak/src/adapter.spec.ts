import 'reflect-metadata';
import nock from 'nock';
import { describeAdapterConformance } from '@flexroll/testkit';
import adapter from './index.js';
import { acceptingRemote, FLATPEAK_TEST_CONFIG } from './test-support/flatpeakFixtures.js';

describe('plugins/flatpeak', () => {
  // Every move is mirrored through the outbox, which the kit delivers: the remote accepts them all.
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    acceptingRemote();
  });
  after(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  describeAdapterConformance(adapter, { config: FLATPEAK_TEST_CONFIG });
});
