import { Migration } from '@mikro-orm/migrations';

export class Migration20261126193744_accounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "candidate_account" ("id" uuid not null, "document_type" text check ("document_type" in ('RESIDENT_ID', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PASSPORT')) not null, "document_number_encrypted" bytea not null, "document_number_lookup" bytea not null, "nationality" varchar(3) null, "name" text not null, "phone_encrypted" bytea not null, "phone_lookup" bytea not null, "password_hash" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "candidate_account_pkey" primary key ("id"));`);
    this.addSql(`alter table "candidate_account" add constraint "candidate_account_document_number_lookup_unique" unique ("document_number_lookup");`);
    this.addSql(`alter table "candidate_account" add constraint "candidate_account_phone_lookup_unique" unique ("phone_lookup");`);

    this.addSql(`create table "candidate_session" ("token_hash" bytea not null, "account_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "candidate_session_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "candidate_session_account_id_index" on "candidate_session" ("account_id");`);

    this.addSql(`create table "captcha_challenge" ("id" uuid not null, "answer_hash" bytea not null, "issued_at" timestamptz not null, "expires_at" timestamptz not null, constraint "captcha_challenge_pkey" primary key ("id"));`);
    this.addSql(`create index "captcha_challenge_expires_at_index" on "captcha_challenge" ("expires_at");`);

    this.addSql(`create table "captcha_outbox" ("captcha_id" uuid not null, "answer" varchar(10) not null, "issued_at" timestamptz not null, constraint "captcha_outbox_pkey" primary key ("captcha_id"));`);
    this.addSql(`create index "captcha_outbox_issued_at_index" on "captcha_outbox" ("issued_at");`);

    this.addSql(`create table "login_throttle" ("key" varchar(120) not null, "attempts" int not null, "window_started_at" timestamptz not null, "locked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("key"));`);

    this.addSql(`create table "sms_code" ("phone_lookup" bytea not null, "purpose" varchar(20) not null, "code_hash" bytea not null, "sent_at" timestamptz not null, "expires_at" timestamptz not null, "failed_attempts" int not null default 0, "consumed_at" timestamptz null, constraint "sms_code_pkey" primary key ("phone_lookup", "purpose"));`);

    this.addSql(`create table "sms_outbox" ("id" bigserial primary key, "phone" varchar(20) not null, "purpose" varchar(20) not null, "code" varchar(10) null, "message" text not null, "sent_at" timestamptz not null);`);
    this.addSql(`create index "sms_outbox_sent_at_index" on "sms_outbox" ("sent_at");`);

    this.addSql(`alter table "candidate_session" add constraint "candidate_session_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "candidate_session" drop constraint "candidate_session_account_id_foreign";`);

    this.addSql(`drop table if exists "candidate_account" cascade;`);

    this.addSql(`drop table if exists "candidate_session" cascade;`);

    this.addSql(`drop table if exists "captcha_challenge" cascade;`);

    this.addSql(`drop table if exists "captcha_outbox" cascade;`);

    this.addSql(`drop table if exists "login_throttle" cascade;`);

    this.addSql(`drop table if exists "sms_code" cascade;`);

    this.addSql(`drop table if exists "sms_outbox" cascade;`);
  }

}
