import { expect } from 'chai';
import type { EnrollmentEvent } from '../../enrollments/index.js';
import { earlierMove } from './earlierMove.js';

const JOB = 'bulk:job_1';

/** A log entry with only what `earlierMove` reads. */
function event(source: string, type: EnrollmentEvent['type'], data: object = {}): EnrollmentEvent {
  return { source, type, data } as unknown as EnrollmentEvent;
}

describe('earlierMove', () => {
  it('finds the status the job moved the enrollment to, its last move when there were two', () => {
    const log = [
      event('api', 'enrollment.created'),
      event(JOB, 'enrollment.status_changed', { from: 'ineligible', to: 'candidate' }),
      event(JOB, 'enrollment.status_changed', { from: 'candidate', to: 'eligible' }),
      event(JOB, 'enrollment.updated'),
      event('api', 'enrollment.status_changed', { from: 'eligible', to: 'submitted' }),
    ];
    expect(earlierMove(log, JOB)).to.deep.equal({ to: 'eligible' });
  });

  it('takes a participation moved alone (an unenrolment under way, the status still approved) as a move without a status', () => {
    expect(earlierMove([event('api', 'enrollment.created'), event(JOB, 'participation.state_changed')], JOB)).to.deep.equal({});
  });

  it('finds nothing where only others moved the enrollment, or the job only recorded a verdict', () => {
    const log = [
      event('api', 'enrollment.created'),
      event('bulk:job_2', 'enrollment.status_changed', { from: 'submitted', to: 'rejected' }),
      event(JOB, 'enrollment.eligibility_evaluated'),
    ];
    expect(earlierMove(log, JOB)).to.equal(undefined);
  });
});
