import { Migration } from '@mikro-orm/migrations';

/**
 * Public exam data is cached in every gateway process (modules/exam/public-data-cache.ts). Each
 * statement that changes a public table notifies `public_data_changed` with the table's name, and
 * every process drops the entries built from it. Notifications are sent on commit, once per table
 * and transaction (PostgreSQL folds identical payloads).
 *
 * registration_point: only statements naming its published columns notify. `taken` moves on every
 * 提交 and is never cached: the public page reads it live (see ExamUnitDetailService.cities).
 */
const TABLES = ['exam', 'exam_unit', 'registration_unit', 'registration_city', 'exam_unit_guide', 'exam_unit_notice', 'material_requirement', 'fee_rule', 'fee_waiver_category', 'exam_subject'];
const POINT_COLUMNS = ['id', 'exam_unit_id', 'city_id', 'name', 'address', 'phone', 'capacity', 'sort_order'];

export class Migration20261126210000_public_data_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function public_data_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('public_data_changed', tg_table_name);
  return null;
end $$;`);
    for (const table of TABLES) {
      this.addSql(`create trigger "${table}_public_data_changed" after insert or update or delete or truncate on "${table}" for each statement execute function public_data_changed();`);
    }
    this.addSql(
      `create trigger "registration_point_public_data_changed" after insert or delete or truncate or update of ${POINT_COLUMNS.map((c) => `"${c}"`).join(', ')} on "registration_point" for each statement execute function public_data_changed();`,
    );
  }

  override async down(): Promise<void> {
    for (const table of [...TABLES, 'registration_point']) this.addSql(`drop trigger if exists "${table}_public_data_changed" on "${table}";`);
    this.addSql(`drop function if exists public_data_changed();`);
  }
}
