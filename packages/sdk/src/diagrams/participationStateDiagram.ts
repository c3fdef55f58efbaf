import { PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES, type StateKind } from '../participation/states.js';
import { PARTICIPATION_TRANSITIONS, type TransitionGuard } from '../participation/transitions.js';

const GUARD_LABELS: Readonly<Record<TransitionGuard, string>> = {
  meter_access_pending: 'meter access required, not yet available',
  meter_access_ready: 'meter access available or not required',
  reasons_remain: 'other reasons remain',
  last_reason_cleared: 'last reason',
};

const KIND_STYLES: Readonly<Record<StateKind, string>> = {
  Transient: 'fill:#eef5ff,stroke:#4a78c2',
  Resting: 'fill:#eef8ee,stroke:#4c9a52',
  Terminal: 'fill:#fbecec,stroke:#c0504d',
};

/**
 * The participation machine as Mermaid `stateDiagram-v2` text, built from {@link PARTICIPATION_TRANSITIONS} and
 * the states' kinds (Transient, Resting, Terminal as classes). Deterministic: the same tables give the same text.
 * @example participationStateDiagram().split('\n')[0] // 'stateDiagram-v2'
 */
export function participationStateDiagram(): string {
  const lines = ['stateDiagram-v2', '    %% Generated from PARTICIPATION_TRANSITIONS in packages/sdk. Run npm run diagrams after changing them.', '    [*] --> ENROLMENT_REQUESTED'];
  for (const transition of PARTICIPATION_TRANSITIONS) {
    const guard = transition.guard === undefined ? '' : ` (${GUARD_LABELS[transition.guard]})`;
    lines.push(`    ${transition.from} --> ${transition.to} : ${transition.trigger}${guard}`);
  }
  const terminal = PARTICIPATION_STATES.filter((state) => PARTICIPATION_STATE_DEFINITIONS[state].kind === 'Terminal');
  for (const state of terminal) lines.push(`    ${state} --> [*]`);
  for (const [kind, style] of Object.entries(KIND_STYLES)) lines.push(`    classDef ${kind.toLowerCase()} ${style}`);
  for (const kind of Object.keys(KIND_STYLES)) {
    const states = PARTICIPATION_STATES.filter((state) => PARTICIPATION_STATE_DEFINITIONS[state].kind === kind);
    lines.push(`    class ${states.join(',')} ${kind.toLowerCase()}`);
  }
  return `${lines.join('\n')}\n`;
}
