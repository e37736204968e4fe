import { Migration } from '@mikro-orm/migrations';

export class Migration20261122042550_reexamination extends Migration {

  override name = 'Migration20261122042550_reexamination';

  override up(): void | Promise<void> {
    this.addSql(`alter table "designation" add "reexamined_on" date null, add "reexamination_passed" boolean null, add "reexamination_notes" text null, add "successor_id" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "designation" drop column "reexamined_on", drop column "reexamination_passed", drop column "reexamination_notes", drop column "successor_id";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
