/** A tenant: every record but a Program belongs to exactly one workspace. */
export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}
