import type { InsertResult } from '../../platform/index.js';

/** One operator reference linked to one participation of a program instance. */
export interface OperatorReferenceLink {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  /** The operator's kind of id (`device`, `account`, `participation`) and the id. */
  readonly kind: string;
  readonly value: string;
  readonly participationId: string;
  readonly enrollmentId: string;
  readonly linkedAt: string;
}

/**
 * The per-instance map from operators' own ids to participations. `(programInstanceId, kind, value)` is unique:
 * linking is a unique insert (a lost race is `'duplicate'`), and only the holder's link can be released. Every
 * lookup is an equality on indexed top-level fields.
 */
export interface OperatorReferenceRepository {
  insert(link: OperatorReferenceLink): Promise<InsertResult>;
  find(workspaceId: string, programInstanceId: string, kind: string, value: string): Promise<OperatorReferenceLink | undefined>;
  /** A participation's links, in the order they were made. */
  listForParticipation(workspaceId: string, programInstanceId: string, participationId: string): Promise<readonly OperatorReferenceLink[]>;
  /** Removes the link if (and only if) this participation holds it. */
  release(workspaceId: string, programInstanceId: string, kind: string, value: string, participationId: string): Promise<void>;
}
