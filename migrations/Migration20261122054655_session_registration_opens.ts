import { Migration } from '@mikro-orm/migrations';

export class Migration20261122054655_session_registration_opens extends Migration {

  override name = 'Migration20261122054655_session_registration_opens';

  override up(): void | Promise<void> {
    this.addSql(`alter table "training_session" add "registration_opens_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "training_session" drop column "registration_opens_on";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
