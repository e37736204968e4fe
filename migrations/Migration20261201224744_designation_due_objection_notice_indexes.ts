import { Migration } from '@mikro-orm/migrations';

export class Migration20261201224744_designation_due_objection_notice_indexes extends Migration {

  override name = 'Migration20261201224744_designation_due_objection_notice_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "designation_valid_until_idx" on "designation" ("valid_until", "id");`);

    this.addSql(`create index "objection_notice_created_idx" on "objection" ("notice_id", "created_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "designation_valid_until_idx";`);

    this.addSql(`drop index "objection_notice_created_idx";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
