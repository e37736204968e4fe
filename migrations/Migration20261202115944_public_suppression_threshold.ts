import { Migration } from '@mikro-orm/migrations';

/** Issue 15: the small-count threshold of public figures, a programme setting (default 5). */
export class Migration20261202115944_public_suppression_threshold extends Migration {
  override name = 'Migration20261202115944_public_suppression_threshold';

  override up(): void | Promise<void> {
    this.addSql(`alter table "programme_settings" add "public_suppression_threshold" int not null default 5;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "programme_settings" drop column "public_suppression_threshold";`);
  }
}
