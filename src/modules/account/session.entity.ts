import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../common/base.entity.js';
import { User } from './user.entity.js';

/**
 * One refresh token of a login session. Tokens rotate: each refresh replaces the row by a new
 * one of the same family. Presenting a replaced (or revoked) token again means it was stolen or
 * replayed, and revokes the whole family. Only the SHA-256 of the token is stored.
 */
@Entity({ tableName: 'session' })
@Index({ name: 'session_family_idx', properties: ['familyId'] })
export class Session extends BaseEntity {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  @Index({ name: 'session_user_idx' })
  user!: Ref<User>;

  @Property({ type: 'uuid' })
  familyId!: string;

  @Property({ type: 'string', length: 64 })
  @Unique({ name: 'session_token_hash_unique' })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  replacedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clientAddress?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  userAgent?: string | null;
}
