import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040209_person_identity_unique_version extends Migration {

  override name = 'Migration20261202040209_person_identity_unique_version';

  override up(): void | Promise<void> {
    // People are edited through the API now (createPerson / updatePerson): an optimistic-lock version,
    // and one record per identity document (a partial unique index: many records have none).
    this.addSql(`alter table "person" add "version" int not null default 1;`);
    this.addSql(`create unique index "person_identity_number_unique" on "person" ("identity_number") where "identity_number" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "person_identity_number_unique";`);
    this.addSql(`alter table "person" drop column "version";`);
  }

}
