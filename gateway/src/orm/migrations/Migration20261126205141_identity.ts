import { Migration } from '@mikro-orm/migrations';

export class Migration20261126205141_identity extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "candidate_profile" ("account_id" uuid not null, "personal_info" jsonb not null, "management_unit_code" varchar(12) null, "updated_at" timestamptz not null, constraint "candidate_profile_pkey" primary key ("account_id"));`);

    this.addSql(`create table "real_name_verification" ("id" uuid not null, "account_id" uuid not null, "method" text check ("method" in ('ALIPAY', 'ONLINE')) not null, "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED')) not null default 'PENDING', "consented_at" timestamptz not null, "provider_reference" varchar(64) null, "certify_url" text null, "failure_reason" text null, "expires_at" timestamptz not null, "completed_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "real_name_verification_pkey" primary key ("id"));`);
    this.addSql(`create index "real_name_verification_account_created_index" on "real_name_verification" ("account_id", "created_at");`);

    this.addSql(`alter table "candidate_profile" add constraint "candidate_profile_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "real_name_verification" add constraint "real_name_verification_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "candidate_profile" cascade;`);

    this.addSql(`drop table if exists "real_name_verification" cascade;`);
  }

}
