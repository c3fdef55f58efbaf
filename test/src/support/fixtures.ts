/**
 * Seed 004's example request body (Suzie Homeowner, identificationType customerInfo) and seed 001's programme, as
 * the core's test builders define them — one copy of the seeds' examples for every suite.
 */
export { COMMUNITY_POWERSHARE, SUZIE_CUSTOMER_INFO as SUZIE } from '@flexroll/core/testing';
