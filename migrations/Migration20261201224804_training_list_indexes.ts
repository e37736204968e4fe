import { Migration } from '@mikro-orm/migrations';

export class Migration20261201224804_training_list_indexes extends Migration {

  override name = 'Migration20261201224804_training_list_indexes';

  override up(): void | Promise<void> {
    this.addSql(`create index "training_program_title_idx" on "training_program" ("title", "id");`);

    this.addSql(`create index "enrolment_person_requested_idx" on "enrolment" ("person_id", "requested_at", "id");`);
    this.addSql(`create index "enrolment_session_requested_idx" on "enrolment" ("session_id", "requested_at", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "enrolment_person_requested_idx";`);
    this.addSql(`drop index "enrolment_session_requested_idx";`);

    this.addSql(`drop index "training_program_title_idx";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
