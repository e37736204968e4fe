import { Migration } from '@mikro-orm/migrations';

export class Migration20261201212916_open_nomination_unique extends Migration {

  override name = 'Migration20261201212916_open_nomination_unique';

  override up(): void | Promise<void> {
    // Concurrent nominations could leave several open ones for one person and pool (check-then-insert).
    // Keep the admitted one, else the earliest nomination; decline the rest with a note, then hold the rule in an index.
    this.addSql(`with ranked as (
        select id, row_number() over (partition by person_id, pool order by (status = 'ADMITTED') desc, nominated_at, id) as n
          from pool_membership where status in ('NOMINATED', 'ADMITTED'))
      update pool_membership m set status = 'DECLINED', decision_note = '重复推荐（同一人员同一人才库已有推荐或已在库），系统清理', version = m.version + 1
        from ranked r where r.id = m.id and r.n > 1;`);
    this.addSql(`create unique index "pool_membership_open_unique" on "pool_membership" ("person_id", "pool") where "status" in ('NOMINATED', 'ADMITTED');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "pool_membership_open_unique";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
