import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { CANDIDATES_CSV, SCREENING_RULES } from './seedData.js';
import { ScreenJourney } from './support/ScreenJourney.js';

// The Imports screen (issue 21, §4) in chromium against `flexroll serve` on both stores: seed 004's sample file is
// uploaded, its job followed to the end, and its row errors read and downloaded as CSV.
describeOnEachStore('the console: Imports', (store) => describe('upload, follow the job, download the row errors', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let instanceId: string;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
    ({ instanceId } = await journey.stack.programInstance());
    await journey.stack.ok('PATCH', `/programInstances/${instanceId}`, { eligibilityRules: SCREENING_RULES });
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('imports the sample CSV, shows its progress to the end, lists and downloads its two row errors', async () => {
    const { page } = journey;
    await journey.open(`/imports?instance=${instanceId}`, 'Imports');
    await journey.axe('imports');
    await page.getByLabel('File to import (CSV or NDJSON)').setInputFiles(CANDIDATES_CSV);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const job = page.getByRole('region', { name: /^Import job / });
    await job.getByText('Job completed').waitFor({ timeout: 60_000 });
    expect(await job.getByRole('progressbar', { name: 'Rows imported' }).getAttribute('value')).to.equal('10');
    await job.getByRole('heading', { name: '2 row error(s)' }).waitFor();
    const rows = job.getByRole('table', { name: 'Row errors of the import' }).locator('tbody tr');
    expect(await rows.count()).to.equal(2);
    await journey.axe('imports with a finished job');
    await journey.screenshot('20-imports');

    const [download] = await Promise.all([page.waitForEvent('download'), job.getByRole('button', { name: 'Download the row errors (CSV)' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).to.equal('row,line,field,rule,message,referenceId');
    expect(lines).to.have.length(3);

    // The enrollments landed, through the API.
    const listed = await journey.stack.ok('GET', `/programInstances/${instanceId}/enrollments?perPage=100`);
    expect(listed.data).to.have.length(8);
    // The recent jobs list names it, and following it again shows the same job.
    await page.getByRole('table', { name: 'Recent jobs of the program instance' }).getByRole('button', { name: /^Follow job / }).first().waitFor();
    expect(await journey.requests.operationsUsed()).to.include.members([
      'POST /programInstances/{instanceId}/imports', 'GET /jobs/{jobId}', 'GET /jobs/{jobId}/errors', 'GET /programInstances/{instanceId}/jobs',
    ]);
    await journey.fitsWidth(360, 'imports');
  });

  it('refuses a file that is neither CSV nor NDJSON before sending it', async () => {
    const { page } = journey;
    await journey.open(`/imports?instance=${instanceId}`, 'Imports');
    const sent = journey.requests.requests.length;
    await page.getByLabel('File to import (CSV or NDJSON)').setInputFiles({ name: 'candidates.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.getByRole('alert').getByText('Choose a .csv or .ndjson').waitFor();
    expect(journey.requests.requests.slice(sent).filter((request) => request.method === 'POST')).to.deep.equal([]);
  });
}));
