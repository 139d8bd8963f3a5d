import { Migration } from '@mikro-orm/migrations';

/**
 * Gateway processes keep a signed-in candidate's 报名状态 answer for a few seconds
 * (graphql/viewer-response-cache.ts). What others decide about an application — a reviewer's
 * 审核通过/不通过, the payment channel's 已缴费, or undoing one of them — notifies
 * `candidate_data_changed` with the account id on commit, and every process drops that account's
 * answers. The candidate's own writes are not notified: the process that handles them drops the
 * answers at once and the browser skips every cache for a few seconds (cookie ccap_fresh). Notifying
 * every write would serialise commits: PostgreSQL holds a database-wide lock from a notifying
 * transaction's pre-commit to its end, so such commits are not group-committed.
 */
export class Migration20261202110000_candidate_data_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function application_decided() returns trigger language plpgsql as $$
begin
  perform pg_notify('candidate_data_changed', new.account_id::text);
  return null;
end $$;`);
    this.addSql(
      `create trigger "application_decided" after update of "status" on "application" for each row
       when (old.status is distinct from new.status and (new.status in ('APPROVED', 'REJECTED', 'PAID') or old.status in ('APPROVED', 'REJECTED', 'PAID')))
       execute function application_decided();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "application_decided" on "application";`);
    this.addSql(`drop function if exists application_decided();`);
  }
}
