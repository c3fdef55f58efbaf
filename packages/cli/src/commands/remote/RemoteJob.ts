/** A job as the API returns it (`GET /jobs/{jobId}`). */
export interface RemoteJob {
  readonly id: string;
  readonly type: 'import' | 'bulk_action';
  readonly status: 'receiving' | 'queued' | 'running' | 'completed' | 'failed';
  readonly key?: string;
  readonly rows: { readonly received: number; readonly total?: number; readonly processed: number };
  readonly counts: Readonly<Record<'created' | 'updated' | 'unchanged' | 'eligible' | 'ineligible' | 'moved' | 'skipped' | 'failed', number>>;
  readonly error?: { readonly code: string; readonly message: string };
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export interface RemotePage<T> {
  readonly data: readonly T[];
  readonly totalPages: number;
}

export interface RemoteRowError {
  readonly row: number;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
  readonly referenceId?: string;
  readonly enrollmentId?: string;
}
