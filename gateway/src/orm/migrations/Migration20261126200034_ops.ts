import { Migration } from '@mikro-orm/migrations';

export class Migration20261126200034_ops extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_record" ("id" bigserial primary key, "occurred_at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" uuid null, "actor_username" varchar(64) null, "actor_role" varchar(16) null, "action" varchar(64) not null, "target_type" varchar(64) null, "target_id" varchar(100) null, "ip" varchar(45) not null, "user_agent" text null, "request_id" varchar(64) null, "reason" text null, "details" jsonb not null default '{}');`);
    this.addSql(`create index "audit_record_occurred_at_index" on "audit_record" ("occurred_at");`);
    this.addSql(`create index "audit_record_action_id_index" on "audit_record" ("action", "id");`);
    this.addSql(`create index "audit_record_target_type_target_id_id_index" on "audit_record" ("target_type", "target_id", "id");`);
    this.addSql(`create index "audit_record_actor_id_id_index" on "audit_record" ("actor_id", "id");`);

    this.addSql(`create table "ops_account" ("id" uuid not null, "username" varchar(32) not null, "password_hash" text not null, "totp_secret_encrypted" bytea not null, "totp_last_used_step" bigint null, "roles" text[] not null, "unit_codes" text[] not null default '{}', "disabled" boolean not null default false, "last_login_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "ops_account_pkey" primary key ("id"));`);
    this.addSql(`alter table "ops_account" add constraint "ops_account_username_unique" unique ("username");`);
    this.addSql(`alter table "ops_account" add constraint "ops_account_roles_check" check (cardinality(roles) > 0 and roles <@ array['REVIEWER', 'ADMIN']::text[]);`);

    this.addSql(`create table "ops_session" ("token_hash" bytea not null, "account_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "ip" varchar(45) null, constraint "ops_session_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "ops_session_account_id_index" on "ops_session" ("account_id");`);

    this.addSql(`alter table "ops_session" add constraint "ops_session_account_id_foreign" foreign key ("account_id") references "ops_account" ("id") on update cascade on delete cascade;`);

    // Written by hand (the generator knows nothing of them): UPDATE, DELETE and TRUNCATE of the audit
    // trail fail for every role, superusers included. Only a role that may disable or drop the trigger
    // (the table owner, a superuser) can get round it, so production should run the gateway as a role
    // that does not own the tables.
    this.addSql(`create function "audit_record_refuse_change"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_record is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $$;`);
    this.addSql(`create trigger "audit_record_no_update_or_delete" before update or delete on "audit_record" for each row execute function "audit_record_refuse_change"();`);
    this.addSql(`create trigger "audit_record_no_truncate" before truncate on "audit_record" for each statement execute function "audit_record_refuse_change"();`);

    // Candidate search by name prefix (ops): LIKE 'prefix%' can use a btree only with text_pattern_ops
    // under a non-C collation.
    this.addSql(`create index "candidate_account_name_prefix_index" on "candidate_account" ("name" text_pattern_ops, "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "candidate_account_name_prefix_index";`);
    this.addSql(`drop trigger if exists "audit_record_no_truncate" on "audit_record";`);
    this.addSql(`drop trigger if exists "audit_record_no_update_or_delete" on "audit_record";`);
    this.addSql(`drop function if exists "audit_record_refuse_change"();`);
    this.addSql(`alter table "ops_session" drop constraint "ops_session_account_id_foreign";`);

    this.addSql(`drop table if exists "audit_record" cascade;`);

    this.addSql(`drop table if exists "ops_account" cascade;`);

    this.addSql(`drop table if exists "ops_session" cascade;`);
  }

}
