/** The jobs capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { addCounts, BULK_ACTIONS, BULK_TARGETS, type BulkAction, type BulkFilter, type BulkWhere, CHUNK_ROWS, type Job, type JobChunk, type JobChunkResult, type JobCounts, type JobError, type JobStatus, NO_COUNTS, type RowError, UPLOAD_FORMATS, type UploadFormat } from './Job.js';
export type { JobRepository } from './ports/JobRepository.js';
export { BulkChunkProcessor } from './bulk/BulkChunkProcessor.js';
export { ExistingRowHandler } from './import/ExistingRowHandler.js';
export { columnPath } from './import/normaliseRow.js';
export { ImportChunkProcessor } from './import/ImportChunkProcessor.js';
export { MissingColumnsError } from './import/requiredColumns.js';
export { FIRST_ERRORS } from './jobOutcome.js';
export { JobRunner } from './JobRunner.js';
export { UploadTooLargeError } from './upload/stageUpload.js';
export { type BulkRequest, type ImportUpload, JobService } from './JobService.js';
export { jobsModule } from './jobsModule.js';
