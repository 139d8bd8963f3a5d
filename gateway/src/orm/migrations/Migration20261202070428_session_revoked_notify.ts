import { Migration } from '@mikro-orm/migrations';

/**
 * Gateway processes cache session lookups for a few seconds (modules/account/session-cache.ts).
 * A candidate session that is revoked (退出登录, password reset, sign-in over it) or deleted notifies
 * `session_revoked` with its token hash in hex, on commit, and every process drops it.
 */
export class Migration20261202070428_session_revoked_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function candidate_session_revoked() returns trigger language plpgsql as $$
begin
  perform pg_notify('session_revoked', encode(old.token_hash, 'hex'));
  return null;
end $$;`);
    this.addSql(
      `create trigger "candidate_session_revoked" after update of "revoked_at" on "candidate_session" for each row when (old.revoked_at is null and new.revoked_at is not null) execute function candidate_session_revoked();`,
    );
    this.addSql(`create trigger "candidate_session_deleted" after delete on "candidate_session" for each row execute function candidate_session_revoked();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "candidate_session_revoked" on "candidate_session";`);
    this.addSql(`drop trigger if exists "candidate_session_deleted" on "candidate_session";`);
    this.addSql(`drop function if exists candidate_session_revoked();`);
  }
}
