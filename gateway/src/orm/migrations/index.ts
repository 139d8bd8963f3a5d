import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261126192354_initial } from './Migration20261126192354_initial';
import { Migration20261126193744_accounts } from './Migration20261126193744_accounts';
import { Migration20261126200034_ops } from './Migration20261126200034_ops';
import { Migration20261126200225_exam_registration } from './Migration20261126200225_exam_registration';
import { Migration20261126202410_payment } from './Migration20261126202410_payment';
import { Migration20261126205141_identity } from './Migration20261126205141_identity';
import { Migration20261126210000_public_data_notify } from './Migration20261126210000_public_data_notify';
import { Migration20261126211500_wechat_login } from './Migration20261126211500_wechat_login';
import { Migration20261202065632_online_real_name } from './Migration20261202065632_online_real_name';
import { Migration20261202070428_session_revoked_notify } from './Migration20261202070428_session_revoked_notify';
import { Migration20261202071833_masked_document_lookup } from './Migration20261202071833_masked_document_lookup';
import { Migration20261202110000_candidate_data_notify } from './Migration20261202110000_candidate_data_notify';

/**
 * Migrations are listed here rather than discovered from files: file discovery breaks under vitest
 * and depends on compiled output. A test fails when a file in this folder is missing from the list
 * or when the entities need a migration that does not exist yet.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261126192354_initial', class: Migration20261126192354_initial },
  { name: 'Migration20261126193744_accounts', class: Migration20261126193744_accounts },
  { name: 'Migration20261126200034_ops', class: Migration20261126200034_ops },
  { name: 'Migration20261126200225_exam_registration', class: Migration20261126200225_exam_registration },
  { name: 'Migration20261126202410_payment', class: Migration20261126202410_payment },
  { name: 'Migration20261126205141_identity', class: Migration20261126205141_identity },
  { name: 'Migration20261126210000_public_data_notify', class: Migration20261126210000_public_data_notify },
  { name: 'Migration20261126211500_wechat_login', class: Migration20261126211500_wechat_login },
  { name: 'Migration20261202065632_online_real_name', class: Migration20261202065632_online_real_name },
  { name: 'Migration20261202070428_session_revoked_notify', class: Migration20261202070428_session_revoked_notify },
  { name: 'Migration20261202071833_masked_document_lookup', class: Migration20261202071833_masked_document_lookup },
  { name: 'Migration20261202110000_candidate_data_notify', class: Migration20261202110000_candidate_data_notify },
];
