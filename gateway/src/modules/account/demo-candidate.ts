import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { PasswordHasher } from './password-hasher';
import { maskedDocumentLookup } from './masked-document-number';
import { PiiProtector } from './pii-protector';

/**
 * The candidate `npm start` prints, so that a developer can sign in at once. Development data only:
 * the seed refuses to create it in production. Real-name verification is marked done so the exam
 * registration flow can be followed without the identity simulator.
 */
export const DEMO_CANDIDATE = Object.freeze({
  name: '张三',
  documentNumber: '110105199003070017',
  phone: '13800138000',
  password: 'Kuaiji#2026',
});

/** Creates the demo candidate when missing; answers whether it was created. */
export async function seedDemoCandidate(orm: MikroORM, config: AppConfig): Promise<boolean> {
  if (config.env === 'production') return false;
  const pii = new PiiProtector(config.pii);
  const passwordHash = await new PasswordHasher().hash(DEMO_CANDIDATE.password);
  const inserted = await orm.em.getConnection().execute<Array<{ id: string }>>(
    `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, document_number_masked_lookup, name,
                                    phone_encrypted, phone_lookup, password_hash, real_name_verified_at, created_at, updated_at)
     values (?, 'RESIDENT_ID', ?, ?, ?, ?, ?, ?, ?, now(), now(), now())
     on conflict do nothing returning id`,
    [
      randomUUID(),
      pii.encrypt('DOCUMENT_NUMBER', DEMO_CANDIDATE.documentNumber),
      pii.lookupHash('DOCUMENT_NUMBER', DEMO_CANDIDATE.documentNumber),
      maskedDocumentLookup(pii, DEMO_CANDIDATE.documentNumber),
      DEMO_CANDIDATE.name,
      pii.encrypt('PHONE', DEMO_CANDIDATE.phone),
      pii.lookupHash('PHONE', DEMO_CANDIDATE.phone),
      passwordHash,
    ],
  );
  return inserted.length > 0;
}
