import { Migration } from '@mikro-orm/migrations';

export class Migration20261122050932_session_instructors extends Migration {

  override name = 'Migration20261122050932_session_instructors';

  override up(): void | Promise<void> {
    this.addSql(`create table "training_session_instructor" ("session_id" uuid not null, "person_id" uuid not null, primary key ("session_id", "person_id"));`);

    this.addSql(`alter table "training_session_instructor" add constraint "training_session_instructor_session_id_foreign" foreign key ("session_id") references "training_session" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "training_session_instructor" add constraint "training_session_instructor_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "training_session_instructor" cascade;`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
