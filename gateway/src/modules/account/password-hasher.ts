import argon2 from 'argon2';

/**
 * argon2id at OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): about 30 ms per hash here.
 * The parameters live in each stored hash, so raising them later does not break existing accounts.
 */
export const PASSWORD_HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  /** Verified when no account matches, so an unknown identifier takes as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PASSWORD_HASH_OPTIONS);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  async verifyWithoutAccount(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password never issued');
    await argon2.verify(await this.decoy, password);
    return false;
  }
}
