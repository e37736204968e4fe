import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223611_pending_nominations_queue extends Migration {

  override name = 'Migration20261201223611_pending_nominations_queue';

  override up(): void | Promise<void> {
    // pendingNominations pages in R18 order: keyset on (priority, nominated_at, id) over the open nominations only.
    this.addSql(`create index "pool_membership_pending_idx" on "pool_membership" ((case "employer_level" when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end), "nominated_at", "id") where "status" = 'NOMINATED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "pool_membership_pending_idx";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
