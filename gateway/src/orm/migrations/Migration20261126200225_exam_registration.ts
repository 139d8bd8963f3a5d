import { Migration } from '@mikro-orm/migrations';

export class Migration20261126200225_exam_registration extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "exam_subject" ("code" varchar(40) not null, "level" text check ("level" in ('JUNIOR', 'INTERMEDIATE', 'SENIOR')) not null, "name" varchar(50) not null, "sort_order" int not null, constraint "exam_subject_pkey" primary key ("code"));`);
    this.addSql(`create index "exam_subject_level_index" on "exam_subject" ("level");`);

    this.addSql(`create table "registration_city" ("id" uuid not null, "unit_id" uuid not null, "code" varchar(12) not null, "name" varchar(50) not null, "sort_order" int not null, constraint "registration_city_pkey" primary key ("id"));`);
    this.addSql(`alter table "registration_city" add constraint "registration_city_unit_id_code_unique" unique ("unit_id", "code");`);

    this.addSql(`create table "registration_point" ("id" uuid not null, "exam_unit_id" uuid not null, "city_id" uuid not null, "name" varchar(100) not null, "address" varchar(200) not null, "phone" varchar(30) not null, "capacity" int null, "taken" int not null default 0, "sort_order" int not null, constraint "registration_point_pkey" primary key ("id"), constraint registration_point_taken_within_capacity check (taken >= 0 and (capacity is null or taken <= capacity)));`);
    this.addSql(`create index "registration_point_exam_unit_id_index" on "registration_point" ("exam_unit_id");`);
    this.addSql(`create index "registration_point_city_id_index" on "registration_point" ("city_id");`);

    this.addSql(`create table "material_requirement" ("id" uuid not null, "exam_unit_id" uuid not null, "code" varchar(40) not null, "name" varchar(100) not null, "description" text not null, "required" boolean not null, "sort_order" int not null, constraint "material_requirement_pkey" primary key ("id"));`);
    this.addSql(`alter table "material_requirement" add constraint "material_requirement_exam_unit_id_code_unique" unique ("exam_unit_id", "code");`);

    this.addSql(`create table "fee_waiver_category" ("id" uuid not null, "exam_unit_id" uuid not null, "code" varchar(40) not null, "name" varchar(100) not null, "description" text not null, constraint "fee_waiver_category_pkey" primary key ("id"));`);
    this.addSql(`alter table "fee_waiver_category" add constraint "fee_waiver_category_exam_unit_id_code_unique" unique ("exam_unit_id", "code");`);

    this.addSql(`create table "fee_rule" ("exam_unit_id" uuid not null, "per_subject_fen" int not null, "per_person_fen" int not null default 0, constraint "fee_rule_pkey" primary key ("exam_unit_id"));`);

    this.addSql(`create table "exam_unit_notice" ("id" uuid not null, "exam_unit_id" uuid not null, "kind" text check ("kind" in ('MUST_READ', 'UNIT', 'CITY')) not null, "title" varchar(200) not null, "body" text not null, "publisher" varchar(50) null, "published_at" timestamptz not null, "sort_order" int not null, constraint "exam_unit_notice_pkey" primary key ("id"));`);
    this.addSql(`create index "exam_unit_notice_exam_unit_id_index" on "exam_unit_notice" ("exam_unit_id");`);

    this.addSql(`create table "exam_unit_guide" ("exam_unit_id" uuid not null, "agreement_text" text not null, "accepting_office" varchar(100) not null, "review_hint" text not null, constraint "exam_unit_guide_pkey" primary key ("exam_unit_id"));`);

    this.addSql(`create table "application" ("id" uuid not null, "account_id" uuid not null, "exam_id" uuid not null, "exam_unit_id" uuid not null, "level" text check ("level" in ('JUNIOR', 'INTERMEDIATE', 'SENIOR')) not null, "status" text check ("status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'WITHDRAWN')) not null default 'DRAFT', "current_step" text check ("current_step" in ('AGREEMENT', 'NOTICES', 'CONDITIONS', 'DETAILS', 'MATERIALS', 'CONFIRM', 'REVIEW', 'PAYMENT')) not null default 'AGREEMENT', "condition_route" varchar(60) null, "city_id" uuid null, "point_id" uuid null, "held_point_id" uuid null, "subject_codes" text[] not null default '{}', "personal_info" jsonb null, "agreement_accepted_at" timestamptz null, "notices_acknowledged_at" timestamptz null, "details_confirmed_at" timestamptz null, "submitted_at" timestamptz null, "reviewed_at" timestamptz null, "reviewed_by" varchar(64) null, "review_reason" text null, "withdrawn_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "application_pkey" primary key ("id"));`);
    this.addSql(`create index "application_account_id_index" on "application" ("account_id");`);
    this.addSql(`create index "application_exam_id_index" on "application" ("exam_id");`);
    this.addSql(`create index "application_city_id_index" on "application" ("city_id");`);
    this.addSql(`create index "application_point_id_index" on "application" ("point_id");`);
    this.addSql(`create index "application_held_point_id_index" on "application" ("held_point_id");`);
    this.addSql(`create index "application_review_queue_index" on "application" ("exam_unit_id", "status", "submitted_at", "id");`);
    this.addSql(`create unique index "application_live_per_exam_unique" on "application" ("account_id", "exam_id") where "status" <> 'WITHDRAWN';`);

    this.addSql(`create table "application_upload" ("id" uuid not null, "account_id" uuid not null, "application_id" uuid not null, "purpose" text check ("purpose" in ('PHOTO', 'MATERIAL')) not null, "material_code" varchar(40) null, "storage_key" varchar(100) not null, "content_type" varchar(30) not null, "size_bytes" int not null, "width" int not null, "height" int not null, "sha256" bytea not null, "created_at" timestamptz not null, "deleted_at" timestamptz null, constraint "application_upload_pkey" primary key ("id"));`);
    this.addSql(`create index "application_upload_account_id_index" on "application_upload" ("account_id");`);
    this.addSql(`create index "application_upload_live_index" on "application_upload" ("application_id", "purpose", "deleted_at");`);

    this.addSql(`create table "application_history" ("id" bigserial primary key, "application_id" uuid not null, "from_status" text check ("from_status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'WITHDRAWN')) null, "to_status" text check ("to_status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'WITHDRAWN')) not null, "actor_kind" text check ("actor_kind" in ('CANDIDATE', 'OPS', 'SYSTEM')) not null, "actor_id" varchar(64) not null, "at" timestamptz not null, "reason" text null);`);
    this.addSql(`create index "application_history_application_id_index" on "application_history" ("application_id");`);

    this.addSql(`create table "subject_pass" ("id" uuid not null, "account_id" uuid not null, "subject_code" varchar(40) not null, "exam_year" int not null, constraint "subject_pass_pkey" primary key ("id"));`);
    this.addSql(`create index "subject_pass_subject_code_index" on "subject_pass" ("subject_code");`);
    this.addSql(`alter table "subject_pass" add constraint "subject_pass_account_id_subject_code_exam_year_unique" unique ("account_id", "subject_code", "exam_year");`);

    this.addSql(`create table "upload_token" ("token_hash" bytea not null, "account_id" uuid not null, "application_id" uuid not null, "purpose" text check ("purpose" in ('PHOTO', 'MATERIAL')) not null, "material_code" varchar(40) null, "replaces_upload_id" uuid null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "upload_token_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "upload_token_account_id_index" on "upload_token" ("account_id");`);
    this.addSql(`create index "upload_token_application_id_index" on "upload_token" ("application_id");`);
    this.addSql(`create index "upload_token_expires_at_index" on "upload_token" ("expires_at");`);

    this.addSql(`alter table "registration_city" add constraint "registration_city_unit_id_foreign" foreign key ("unit_id") references "registration_unit" ("id") on update cascade;`);

    this.addSql(`alter table "registration_point" add constraint "registration_point_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "registration_point" add constraint "registration_point_city_id_foreign" foreign key ("city_id") references "registration_city" ("id") on update cascade;`);

    this.addSql(`alter table "material_requirement" add constraint "material_requirement_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "fee_waiver_category" add constraint "fee_waiver_category_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "fee_rule" add constraint "fee_rule_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "exam_unit_notice" add constraint "exam_unit_notice_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "exam_unit_guide" add constraint "exam_unit_guide_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "application" add constraint "application_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade;`);
    this.addSql(`alter table "application" add constraint "application_exam_id_foreign" foreign key ("exam_id") references "exam" ("id") on update cascade;`);
    this.addSql(`alter table "application" add constraint "application_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade;`);
    this.addSql(`alter table "application" add constraint "application_city_id_foreign" foreign key ("city_id") references "registration_city" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "application" add constraint "application_point_id_foreign" foreign key ("point_id") references "registration_point" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "application" add constraint "application_held_point_id_foreign" foreign key ("held_point_id") references "registration_point" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "application_upload" add constraint "application_upload_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade;`);
    this.addSql(`alter table "application_upload" add constraint "application_upload_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`);

    this.addSql(`alter table "application_history" add constraint "application_history_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`);

    this.addSql(`alter table "subject_pass" add constraint "subject_pass_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "subject_pass" add constraint "subject_pass_subject_code_foreign" foreign key ("subject_code") references "exam_subject" ("code") on update cascade;`);

    this.addSql(`alter table "upload_token" add constraint "upload_token_account_id_foreign" foreign key ("account_id") references "candidate_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "upload_token" add constraint "upload_token_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "candidate_account" add column "real_name_verified_at" timestamptz null;`);

    // Written by hand (the entity diff knows nothing of triggers): the history is evidence of who
    // changed an application's status, so it may only grow.
    this.addSql(`create function application_history_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'application_history is append-only (% refused)', tg_op;
      end
    $$;`);
    this.addSql(`create trigger application_history_append_only before update or delete or truncate on "application_history"
      for each statement execute function application_history_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists application_history_append_only on "application_history";`);
    this.addSql(`drop function if exists application_history_append_only();`);

    this.addSql(`alter table "subject_pass" drop constraint "subject_pass_subject_code_foreign";`);

    this.addSql(`alter table "registration_point" drop constraint "registration_point_city_id_foreign";`);

    this.addSql(`alter table "application" drop constraint "application_city_id_foreign";`);

    this.addSql(`alter table "application" drop constraint "application_point_id_foreign";`);

    this.addSql(`alter table "application" drop constraint "application_held_point_id_foreign";`);

    this.addSql(`alter table "application_upload" drop constraint "application_upload_application_id_foreign";`);

    this.addSql(`alter table "application_history" drop constraint "application_history_application_id_foreign";`);

    this.addSql(`alter table "upload_token" drop constraint "upload_token_application_id_foreign";`);

    this.addSql(`drop table if exists "exam_subject" cascade;`);

    this.addSql(`drop table if exists "registration_city" cascade;`);

    this.addSql(`drop table if exists "registration_point" cascade;`);

    this.addSql(`drop table if exists "material_requirement" cascade;`);

    this.addSql(`drop table if exists "fee_waiver_category" cascade;`);

    this.addSql(`drop table if exists "fee_rule" cascade;`);

    this.addSql(`drop table if exists "exam_unit_notice" cascade;`);

    this.addSql(`drop table if exists "exam_unit_guide" cascade;`);

    this.addSql(`drop table if exists "application" cascade;`);

    this.addSql(`drop table if exists "application_upload" cascade;`);

    this.addSql(`drop table if exists "application_history" cascade;`);

    this.addSql(`drop table if exists "subject_pass" cascade;`);

    this.addSql(`drop table if exists "upload_token" cascade;`);

    this.addSql(`alter table "candidate_account" drop column "real_name_verified_at";`);
  }

}
