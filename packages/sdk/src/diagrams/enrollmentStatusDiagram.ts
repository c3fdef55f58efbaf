import { ENROLLMENT_STATUS_MOVES } from '../enrollment/moves.js';
import { ENROLLMENT_STATUSES } from '../enrollment/statuses.js';

/**
 * The enrollment status machine as Mermaid `stateDiagram-v2` text, built from {@link ENROLLMENT_STATUS_MOVES}.
 * Moves that need changed criteria are labelled so; statuses with no unconditional way out are marked terminal.
 * Deterministic: the same table gives the same text.
 * @example enrollmentStatusDiagram().includes('submitted --> approved') // true
 */
export function enrollmentStatusDiagram(): string {
  const lines = ['stateDiagram-v2', '    %% Generated from ENROLLMENT_STATUS_MOVES in packages/sdk. Run npm run diagrams after changing it.', '    [*] --> candidate'];
  for (const move of ENROLLMENT_STATUS_MOVES) {
    lines.push(`    ${move.from} --> ${move.to}${move.requiresCriteriaChange ? ' : criteria changed' : ''}`);
  }
  const terminal = ENROLLMENT_STATUSES.filter((status) => !ENROLLMENT_STATUS_MOVES.some((move) => move.from === status && !move.requiresCriteriaChange));
  for (const status of terminal) lines.push(`    ${status} --> [*]`);
  lines.push('    classDef terminal fill:#fbecec,stroke:#c0504d');
  lines.push(`    class ${terminal.join(',')} terminal`);
  return `${lines.join('\n')}\n`;
}
