import { Migration } from '@mikro-orm/migrations';

export class Migration20261202065632_online_real_name extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "application_upload" drop constraint if exists "application_upload_purpose_check";`);

    this.addSql(`alter table "upload_token" drop constraint if exists "upload_token_purpose_check";`);

    this.addSql(`alter table "application_upload" alter column "application_id" drop default;`);
    this.addSql(`alter table "application_upload" alter column "application_id" drop not null;`);
    this.addSql(`alter table "application_upload" add constraint "application_upload_purpose_check" check("purpose" in ('PHOTO', 'MATERIAL', 'ID_PORTRAIT', 'ID_EMBLEM', 'ID_HANDHELD'));`);
    this.addSql(`alter table "application_upload" add constraint application_upload_application_present check((application_id IS NULL) = (purpose = ANY (ARRAY['ID_PORTRAIT'::text, 'ID_EMBLEM'::text, 'ID_HANDHELD'::text])));`);

    this.addSql(`alter table "real_name_verification" add column "province_code" varchar(12) null, add column "city_code" varchar(12) null, add column "unit_code" varchar(12) null, add column "portrait_upload_id" uuid null, add column "emblem_upload_id" uuid null, add column "handheld_upload_id" uuid null, add column "reviewed_by" uuid null;`);
    this.addSql(`alter table "real_name_verification" alter column "expires_at" drop not null;`);
    this.addSql(`alter table "real_name_verification" add constraint "real_name_verification_portrait_upload_id_foreign" foreign key ("portrait_upload_id") references "application_upload" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "real_name_verification" add constraint "real_name_verification_emblem_upload_id_foreign" foreign key ("emblem_upload_id") references "application_upload" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "real_name_verification" add constraint "real_name_verification_handheld_upload_id_foreign" foreign key ("handheld_upload_id") references "application_upload" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "real_name_verification_review_queue_index" on "real_name_verification" ("method", "status", "unit_code", "created_at", "id");`);

    this.addSql(`alter table "upload_token" alter column "application_id" drop default;`);
    this.addSql(`alter table "upload_token" alter column "application_id" drop not null;`);
    this.addSql(`alter table "upload_token" add constraint "upload_token_purpose_check" check("purpose" in ('PHOTO', 'MATERIAL', 'ID_PORTRAIT', 'ID_EMBLEM', 'ID_HANDHELD'));`);
    this.addSql(`alter table "upload_token" add constraint upload_token_application_present check((application_id IS NULL) = (purpose = ANY (ARRAY['ID_PORTRAIT'::text, 'ID_EMBLEM'::text, 'ID_HANDHELD'::text])));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "application_upload" drop constraint if exists "application_upload_purpose_check";`);

    this.addSql(`alter table "real_name_verification" drop constraint "real_name_verification_portrait_upload_id_foreign";`);
    this.addSql(`alter table "real_name_verification" drop constraint "real_name_verification_emblem_upload_id_foreign";`);
    this.addSql(`alter table "real_name_verification" drop constraint "real_name_verification_handheld_upload_id_foreign";`);

    this.addSql(`alter table "upload_token" drop constraint if exists "upload_token_purpose_check";`);

    this.addSql(`alter table "application_upload" drop constraint application_upload_application_present;`);

    this.addSql(`alter table "application_upload" alter column "application_id" drop default;`);
    this.addSql(`alter table "application_upload" alter column "application_id" set not null;`);
    this.addSql(`alter table "application_upload" add constraint "application_upload_purpose_check" check("purpose" in ('PHOTO', 'MATERIAL'));`);

    this.addSql(`drop index "real_name_verification_review_queue_index";`);
    this.addSql(`alter table "real_name_verification" drop column "province_code", drop column "city_code", drop column "unit_code", drop column "portrait_upload_id", drop column "emblem_upload_id", drop column "handheld_upload_id", drop column "reviewed_by";`);

    this.addSql(`alter table "real_name_verification" alter column "expires_at" set not null;`);

    this.addSql(`alter table "upload_token" drop constraint upload_token_application_present;`);

    this.addSql(`alter table "upload_token" alter column "application_id" drop default;`);
    this.addSql(`alter table "upload_token" alter column "application_id" set not null;`);
    this.addSql(`alter table "upload_token" add constraint "upload_token_purpose_check" check("purpose" in ('PHOTO', 'MATERIAL'));`);
  }

}
