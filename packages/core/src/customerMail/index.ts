/** The customer mail capability's façade (issue 22): what other packages may use through @flexroll/core. */

export type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus } from './ports/CustomerMailRepository.js';
export type { CustomerMailer, CustomerMailMessage } from './CustomerMailer.js';
export { CustomerMailOutbox } from './CustomerMailOutbox.js';
export { customerMailModule } from './customerMailModule.js';
