import { Migration } from '@mikro-orm/migrations';

export class Migration20261126192354_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "exam" ("id" uuid not null, "year" int not null, "level" text check ("level" in ('JUNIOR', 'INTERMEDIATE', 'SENIOR')) not null, "name" varchar(100) not null, "created_at" timestamptz not null default now(), constraint "exam_pkey" primary key ("id"));`);
    this.addSql(`alter table "exam" add constraint "exam_year_level_unique" unique ("year", "level");`);

    this.addSql(`create table "payment_channel" ("code" varchar(20) not null, "name" varchar(20) not null, "enabled" boolean not null default true, "sort_order" int not null, constraint "payment_channel_pkey" primary key ("code"));`);

    this.addSql(`create table "registration_unit" ("id" uuid not null, "code" varchar(12) not null, "name" varchar(50) not null, "kind" text check ("kind" in ('PROVINCE', 'CORPS', 'PLAN_CITY')) not null, "sort_order" int not null, constraint "registration_unit_pkey" primary key ("id"));`);
    this.addSql(`alter table "registration_unit" add constraint "registration_unit_code_unique" unique ("code");`);

    this.addSql(`create table "exam_unit" ("id" uuid not null, "exam_id" uuid not null, "unit_id" uuid not null, "registration_starts_at" timestamptz not null, "registration_ends_at" timestamptz not null, "payment_starts_at" timestamptz not null, "payment_ends_at" timestamptz not null, "consult_phones" text[] not null default '{}', "notice_url" varchar(500) not null, constraint "exam_unit_pkey" primary key ("id"));`);
    this.addSql(`create index "exam_unit_exam_id_index" on "exam_unit" ("exam_id");`);
    this.addSql(`create index "exam_unit_unit_id_index" on "exam_unit" ("unit_id");`);
    this.addSql(`alter table "exam_unit" add constraint "exam_unit_exam_id_unit_id_unique" unique ("exam_id", "unit_id");`);

    this.addSql(`alter table "exam_unit" add constraint "exam_unit_exam_id_foreign" foreign key ("exam_id") references "exam" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "exam_unit" add constraint "exam_unit_unit_id_foreign" foreign key ("unit_id") references "registration_unit" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "exam_unit" drop constraint "exam_unit_exam_id_foreign";`);

    this.addSql(`alter table "exam_unit" drop constraint "exam_unit_unit_id_foreign";`);

    this.addSql(`drop table if exists "exam" cascade;`);

    this.addSql(`drop table if exists "payment_channel" cascade;`);

    this.addSql(`drop table if exists "registration_unit" cascade;`);

    this.addSql(`drop table if exists "exam_unit" cascade;`);
  }

}
