/**
 * Seed 000's participation states, in the order of its flow: the values of the list's participationState filter.
 * Written at every build from the SDK's own list (scripts/generate-api-types.mjs), so the console spells none itself.
 */
export { PARTICIPATION_STATES } from '../../generated/participationStates';
