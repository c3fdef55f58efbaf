import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleStack } from './ConsoleStack.js';

/** docs/samples/candidates.csv: seed 004's screening sample (10 rows: 4 eligible, 3 ineligible, 1 candidate, 2 errors). */
export const CANDIDATES_CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/samples/candidates.csv');

/** The screening guide's rules (docs/screening.md §2). */
export const SCREENING_RULES = {
  allowedManufacturers: ['tesla', 'enphase'],
  serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102'] },
  requiredFields: ['email'],
  notEnrolledElsewhere: true,
};

/** Polls a job through the API until it ends. */
export async function jobEnded(stack: ConsoleStack, jobId: string): Promise<any> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = await stack.ok('GET', `/jobs/${jobId}`);
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

/** Imports the sample file into an instance through the API (`POST /programInstances/{id}/imports`) and waits for it. */
export async function importCandidates(stack: ConsoleStack, instanceId: string): Promise<any> {
  const response = await fetch(`${stack.base}/programInstances/${instanceId}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.key}`, 'content-type': 'text/csv' },
    body: await readFile(CANDIDATES_CSV),
  });
  if (response.status !== 202) throw new Error(`import answered ${response.status}: ${await response.text()}`);
  return jobEnded(stack, ((await response.json()) as { id: string }).id);
}

/** The enrollment with a reference id, through the list's filter. */
export async function byReference(stack: ConsoleStack, instanceId: string, referenceId: string): Promise<any> {
  const page = await stack.ok('GET', `/programInstances/${instanceId}/enrollments?referenceId=${encodeURIComponent(referenceId)}`);
  return page.data[0];
}

/** The customer completes the form: eligible → submitted (seed 004), through the API. */
export async function submit(stack: ConsoleStack, instanceId: string, referenceId: string): Promise<any> {
  const enrollment = await byReference(stack, instanceId, referenceId);
  return stack.ok('PATCH', `/enrollments/${enrollment.id}`, { status: 'submitted' });
}
