import { Migration } from '@mikro-orm/migrations';

/**
 * Gateway processes keep a signed-in candidate's 报名状态 answer for a few seconds
 * (graphql/viewer-response-cache.ts). Any change to a candidate's application, its uploads or its
 * history — by the candidate, a reviewer, a payment notification or ops — notifies
 * `candidate_data_changed` with the account id on commit, and every process drops that account's
 * answers. PostgreSQL sends one notification per account and transaction (identical ones are merged).
 */
export class Migration20261202110000_candidate_data_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function candidate_data_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('candidate_data_changed', coalesce(new.account_id, old.account_id)::text);
  return null;
end $$;`);
    this.addSql(`create or replace function application_history_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('candidate_data_changed', a.account_id::text) from application a where a.id = coalesce(new.application_id, old.application_id);
  return null;
end $$;`);
    this.addSql(`create trigger "application_changed" after insert or update or delete on "application" for each row execute function candidate_data_changed();`);
    this.addSql(`create trigger "application_upload_changed" after insert or update or delete on "application_upload" for each row execute function candidate_data_changed();`);
    this.addSql(`create trigger "application_history_changed" after insert or update or delete on "application_history" for each row execute function application_history_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "application_changed" on "application";`);
    this.addSql(`drop trigger if exists "application_upload_changed" on "application_upload";`);
    this.addSql(`drop trigger if exists "application_history_changed" on "application_history";`);
    this.addSql(`drop function if exists candidate_data_changed();`);
    this.addSql(`drop function if exists application_history_changed();`);
  }
}
