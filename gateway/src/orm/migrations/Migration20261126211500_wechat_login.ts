import { Migration } from '@mikro-orm/migrations';

export class Migration20261126211500_wechat_login extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "wechat_binding" ("openid" varchar(128) not null, "account_id" uuid not null, "created_at" timestamptz not null, constraint "wechat_binding_pkey" primary key ("openid"));`);
    this.addSql(`alter table "wechat_binding" add constraint "wechat_binding_account_id_unique" unique ("account_id");`);

    this.addSql(`create table "wechat_login_ticket" ("id" uuid not null, "browser_nonce_hash" bytea not null, "status" text check ("status" in ('PENDING', 'SCANNED', 'CONFIRMED', 'CANCELLED', 'CONSUMED')) not null, "openid" varchar(128) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "scanned_at" timestamptz null, "confirmed_at" timestamptz null, "consumed_at" timestamptz null, constraint "wechat_login_ticket_pkey" primary key ("id"));`);
    this.addSql(`create index "wechat_login_ticket_expires_at_index" on "wechat_login_ticket" ("expires_at");`);

    this.addSql(`alter table "wechat_binding" add constraint "wechat_binding_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "wechat_binding" cascade;`);

    this.addSql(`drop table if exists "wechat_login_ticket" cascade;`);
  }

}
