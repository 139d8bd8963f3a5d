import { Migration } from '@mikro-orm/migrations';
import { loadPiiKeys } from '../../config';
import { maskedDocumentLookup } from '../../modules/account/masked-document-number';
import { PiiProtector } from '../../modules/account/pii-protector';

const BACKFILL_BATCH = 1000;

/**
 * candidate_account.document_number_masked_lookup (ops search by a masked 证件号码), backfilled here
 * for existing accounts. The keyed hash needs the PII keys, so this migration reads them from the
 * environment like the gateway (PII_ENCRYPTION_KEY, PII_LOOKUP_KEY): run it with the gateway's
 * environment. With other keys decryption fails and the whole migration rolls back.
 */
export class Migration20261202071833_masked_document_lookup extends Migration {

  override async up(): Promise<void> {
    // Executed at once (not queued with addSql): the backfill below needs the column.
    await this.execute(`alter table "candidate_account" add column "document_number_masked_lookup" bytea null;`);
    await this.execute(`create index "candidate_account_document_number_masked_lookup_index" on "candidate_account" ("document_number_masked_lookup", "id");`);

    let pii: PiiProtector | null = null;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.execute(
        `select id, document_number_encrypted from candidate_account where id > ? order by id limit ${BACKFILL_BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      pii ??= new PiiProtector(loadPiiKeys());
      const ids: string[] = [];
      const hashes: string[] = []; // hex
      for (const row of rows as Array<{ id: string; document_number_encrypted: Buffer }>) {
        ids.push(row.id);
        hashes.push(maskedDocumentLookup(pii, pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted)).toString('hex'));
      }
      await this.execute(
        `update candidate_account a set document_number_masked_lookup = decode(v.hash, 'hex')
           from unnest(?::uuid[], ?::text[]) as v(id, hash) where a.id = v.id`,
        [`{${ids.join(',')}}`, `{${hashes.join(',')}}`],
      );
      after = ids.at(-1)!;
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "candidate_account_document_number_masked_lookup_index";`);
    this.addSql(`alter table "candidate_account" drop column "document_number_masked_lookup";`);
  }

}
