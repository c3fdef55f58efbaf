import type { TestServer } from './TestServer.js';

/**
 * Polls `GET /jobs/{id}` every 25 ms until the job has ended (completed or failed), and gives its last answer's body;
 * gives up after `attempts` polls (10 s by default: the specs' jobs are small).
 */
export async function jobFinished(server: TestServer, key: string, jobId: string, attempts = 400): Promise<any> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const job = await server.get(`/jobs/${jobId}`, { key });
    if (job.body.status === 'completed' || job.body.status === 'failed') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not finish`);
}
