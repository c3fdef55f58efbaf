import { expect } from 'chai';
import type { Deadline } from '../enrollments/index.js';
import { decideDeadline, type DeadlineView } from './decideDeadline.js';
import { deadlineAlertDue } from './due/timedRules.js';

const HOUR = 3_600_000;
const ENTERED = '2025-03-10T00:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(ENTERED) + hours * HOUR).toISOString();
const ms = (hours: number) => Date.parse(at(hours));

/** A deadline entered at ENTERED, due soon 24 h later and expected 48 h later, raising alerts, nothing announced. */
function deadline(more: Partial<Deadline> = {}): Deadline {
  return {
    id: 'dl_test', state: 'AWAITING_CONSENT', enteredAt: ENTERED, expectedAt: at(48), dueSoonAt: at(24), waitingOn: 'customer', alerts: true,
    status: 'pending', announced: {}, ...more,
  };
}
const withOpen = (open: Deadline, last?: Deadline): DeadlineView => ({ id: 'vpo_1', deadlines: last === undefined ? { open } : { open, last } });
const withLast = (last: Deadline): DeadlineView => ({ id: 'vpo_1', deadlines: { last } });
const metLate = (announced: Deadline['announced']) => deadline({ status: 'met_late', closedAt: at(50), announced });

describe('deadline alerts', () => {
  describe(decideDeadline.name, () => {
    it('announces nothing before dueSoonAt', () => {
      expect(decideDeadline(withOpen(deadline()), at(23.99))).to.equal(undefined);
    });

    it('announces due soon from dueSoonAt, with the deadline as the announcement leaves it', () => {
      expect(decideDeadline(withOpen(deadline()), at(24))).to.deep.equal({
        type: 'participation.deadline_due_soon',
        data: { participationId: 'vpo_1', deadline: deadline({ status: 'due_soon', announced: { dueSoon: at(24) } }) },
      });
    });

    it('announces due soon once', () => {
      expect(decideDeadline(withOpen(deadline({ status: 'due_soon', announced: { dueSoon: at(24) } })), at(30))).to.equal(undefined);
    });

    it('announces the miss once past expectedAt, after a due soon; at expectedAt itself the deadline can still be met', () => {
      const open = deadline({ status: 'due_soon', announced: { dueSoon: at(24) } });
      expect(decideDeadline(withOpen(open), at(48))).to.equal(undefined);
      const justPast = new Date(ms(48) + 1).toISOString();
      expect(decideDeadline(withOpen(open), justPast)).to.deep.equal({
        type: 'participation.deadline_missed',
        data: { participationId: 'vpo_1', deadline: deadline({ status: 'missed', announced: { dueSoon: at(24), missed: justPast } }) },
      });
    });

    it('announces due soon at expectedAt itself when nothing was announced yet', () => {
      expect(decideDeadline(withOpen(deadline()), at(48))?.type).to.equal('participation.deadline_due_soon');
    });

    it('announces only the miss when the sweep comes after expectedAt with nothing announced', () => {
      expect(decideDeadline(withOpen(deadline()), at(60))?.type).to.equal('participation.deadline_missed');
    });

    it('announces the miss once', () => {
      expect(decideDeadline(withOpen(deadline({ status: 'missed', announced: { missed: at(48) } })), at(100))).to.equal(undefined);
    });

    it('has no due soon when the lead time is zero (dueSoonAt is expectedAt)', () => {
      expect(decideDeadline(withOpen(deadline({ dueSoonAt: at(48) })), at(48))).to.equal(undefined);
      expect(decideDeadline(withOpen(deadline({ dueSoonAt: at(48) })), at(48.01))?.type).to.equal('participation.deadline_missed');
    });

    it('fires nothing for a state the instance does not alert on', () => {
      expect(decideDeadline(withOpen(deadline({ alerts: false })), at(100))).to.equal(undefined);
    });

    it('fires nothing while the clock is paused', () => {
      const { expectedAt: _e, dueSoonAt: _d, ...paused } = deadline({ paused: { since: at(1), remainingMs: 47 * HOUR } });
      expect(decideDeadline(withOpen(paused), at(1_000))).to.equal(undefined);
    });

    it('fires nothing without deadlines, or with no open one and nothing owed', () => {
      expect(decideDeadline({ id: 'vpo_1' }, at(100))).to.equal(undefined);
      expect(decideDeadline(withLast(deadline({ status: 'met', closedAt: at(2) })), at(100))).to.equal(undefined);
      expect(decideDeadline(withLast(deadline({ status: 'cancelled', closedAt: at(50), announced: { missed: at(48) } })), at(100)), 'a cancelled one is not met').to.equal(undefined);
    });

    it('announces a missed deadline met late, once', () => {
      expect(decideDeadline(withLast(metLate({ missed: at(48) })), at(50))).to.deep.equal({
        type: 'participation.deadline_met',
        data: { participationId: 'vpo_1', deadline: metLate({ missed: at(48), met: at(50) }) },
      });
      expect(decideDeadline(withLast(metLate({ missed: at(48), met: at(50) })), at(51))).to.equal(undefined);
    });

    it('does not announce a deadline met late whose miss was never announced', () => {
      expect(decideDeadline(withLast(metLate({})), at(50))).to.equal(undefined);
    });

    it('announces the met of the last deadline before the alerts of the open one', () => {
      const open = deadline({ id: 'dl_next', enteredAt: at(50), expectedAt: at(51), dueSoonAt: at(50.5) });
      expect(decideDeadline(withOpen(open, metLate({ missed: at(48) })), at(52))?.type).to.equal('participation.deadline_met');
      expect(decideDeadline(withOpen(open, metLate({ missed: at(48), met: at(52) })), at(52))?.data.deadline.id).to.equal('dl_next');
    });
  });

  describe(deadlineAlertDue.name, () => {
    it('is due at dueSoonAt while nothing is announced', () => {
      expect(deadlineAlertDue(withOpen(deadline()))).to.equal(ms(24));
    });

    it('is due just past expectedAt once due soon is announced', () => {
      expect(deadlineAlertDue(withOpen(deadline({ status: 'due_soon', announced: { dueSoon: at(24) } })))).to.equal(ms(48) + 1);
    });

    it('is due just past expectedAt when the lead time is zero', () => {
      expect(deadlineAlertDue(withOpen(deadline({ dueSoonAt: at(48) })))).to.equal(ms(48) + 1);
    });

    it('is not due once the miss is announced', () => {
      expect(deadlineAlertDue(withOpen(deadline({ status: 'missed', announced: { missed: at(48) } })))).to.equal(undefined);
    });

    it('is not due while paused, for a state without alerts, or without deadlines', () => {
      const { expectedAt: _e, dueSoonAt: _d, ...paused } = deadline({ paused: { since: at(1), remainingMs: 47 * HOUR } });
      expect(deadlineAlertDue(withOpen(paused))).to.equal(undefined);
      expect(deadlineAlertDue(withOpen(deadline({ alerts: false })))).to.equal(undefined);
      expect(deadlineAlertDue({})).to.equal(undefined);
      expect(deadlineAlertDue(withLast(deadline({ status: 'met', closedAt: at(2) })))).to.equal(undefined);
    });

    it('is due at once for a pending met, whatever the open deadline', () => {
      expect(deadlineAlertDue(withLast(metLate({ missed: at(48) })))).to.equal(0);
      expect(deadlineAlertDue(withOpen(deadline({ id: 'dl_next' }), metLate({ missed: at(48) })))).to.equal(0);
      expect(deadlineAlertDue(withLast(metLate({ missed: at(48), met: at(50) })))).to.equal(undefined);
    });

    it('agrees with the decision: nothing just before its moment, an alert at it', () => {
      const cases = [withOpen(deadline()), withOpen(deadline({ status: 'due_soon', announced: { dueSoon: at(24) } })), withOpen(deadline({ dueSoonAt: at(48) }))];
      for (const participation of cases) {
        const due = deadlineAlertDue(participation)!;
        expect(decideDeadline(participation, new Date(due - 1).toISOString()), 'a millisecond early').to.equal(undefined);
        expect(decideDeadline(participation, new Date(due).toISOString()), 'at its moment').to.not.equal(undefined);
      }
    });
  });
});
