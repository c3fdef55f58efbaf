/** The customer mail capability's façade (issue 22): what other packages may use through @flexroll/core. */

export type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus } from './ports/CustomerMailRepository.js';
export type { CustomerMailer, CustomerMailMessage } from './CustomerMailer.js';
export { CustomerMailOutbox, type ListedCustomerMail } from './CustomerMailOutbox.js';
export { CustomerMailCatchUp } from './CustomerMailCatchUp.js';
export { mailOwed, type OwedMail, stateMailId, statusLinkMailId } from './mailOwed.js';
export { maskedAddress } from './maskedAddress.js';
export { customerMailModule } from './customerMailModule.js';
