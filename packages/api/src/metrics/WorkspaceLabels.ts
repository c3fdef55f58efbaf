/** The label of every workspace past the first ones: one series for the rest, so a label's values stay bounded. */
export const OTHER_WORKSPACES = 'other';

/**
 * Bounds the `workspace` label: the first `limit` workspaces a process reports on get their own value, every later
 * one `other` (FLEXROLL_METRICS_WORKSPACE_LABELS). A process that served more workspaces than that still reports all
 * of them, the rest summed under `other`.
 */
export class WorkspaceLabels {
  readonly #named = new Set<string>();

  constructor(private readonly limit: number) {}

  of(workspaceId: string): string {
    if (this.#named.has(workspaceId)) return workspaceId;
    if (this.#named.size < this.limit) {
      this.#named.add(workspaceId);
      return workspaceId;
    }
    return OTHER_WORKSPACES;
  }
}
