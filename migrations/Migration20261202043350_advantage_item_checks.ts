import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043350_advantage_item_checks extends Migration {

  override name = 'Migration20261202043350_advantage_item_checks';

  override up(): void | Promise<void> {
    // The province's item-by-item check of an advantage application's self-assessment (its totals).
    this.addSql(`alter table "advantage_application" add "checked_score_a" double precision null, add "checked_score_b" double precision null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "advantage_application" drop column "checked_score_a", drop column "checked_score_b";`);
  }

}
