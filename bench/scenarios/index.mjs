import publicExams from './public-exams.mjs';
import applicationStatus from './application-status.mjs';
import submit from './submit.mjs';
import payment from './payment.mjs';
import login from './login.mjs';
import rush from './rush.mjs';

/** Every scenario, in the order a full run measures them. */
export const SCENARIOS = [publicExams, applicationStatus, submit, payment, login, rush];
