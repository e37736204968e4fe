import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044509_talent_pools extends Migration {

  override name = 'Migration20261122044509_talent_pools';

  override up(): void | Promise<void> {
    this.addSql(`create table "pool_membership" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "person_id" uuid not null, "pool" text not null, "status" text not null default 'NOMINATED', "employer_level" text not null, "reason" text not null, "nominated_by" varchar(64) not null, "nominator_role" varchar(32) not null, "nominated_at" timestamptz(3) not null, "decision_note" text null, "term_start" date null, "term_end" date null, "retired_on" date null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "pool_membership_pool_status_idx" on "pool_membership" ("pool", "status");`);

    this.addSql(`alter table "person" add "employer_enterprise_id" uuid null, add "region_code" varchar(6) null, add "category" text not null default 'OTHER', add "specialties" jsonb not null default '[]', add "technical_fields" jsonb not null default '[]', add "qualifications" jsonb not null default '[]';`);
    this.addSql(`alter table "person" add constraint "person_employer_enterprise_id_foreign" foreign key ("employer_enterprise_id") references "enterprise" ("id") on delete set null;`);
    this.addSql(`create index "person_employer_enterprise_idx" on "person" ("employer_enterprise_id");`);
    this.addSql(`alter table "person" add constraint "person_category_check" check ("category" in ('SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER', 'OTHER'));`);

    this.addSql(`alter table "pool_membership" add constraint "pool_membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);
    this.addSql(`alter table "pool_membership" add constraint "pool_membership_pool_check" check ("pool" in ('NATIONAL_TALENT_POOL', 'EXPERT_ADVISORY_COMMITTEE', 'EXPERT_POOL', 'LEADING_TALENT_POOL', 'HIGH_LEVEL_TALENT_POOL', 'FACULTY_POOL'));`);
    this.addSql(`alter table "pool_membership" add constraint "pool_membership_status_check" check ("status" in ('NOMINATED', 'ADMITTED', 'DECLINED', 'RETIRED'));`);
    this.addSql(`alter table "pool_membership" add constraint "pool_membership_employer_level_check" check ("employer_level" in ('DEMONSTRATION', 'ADVANTAGE', 'NONE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "pool_membership" cascade;`);

    this.addSql(`alter table "person" drop constraint "person_employer_enterprise_id_foreign";`);

    this.addSql(`drop index "person_employer_enterprise_idx";`);
    this.addSql(`alter table "person" drop constraint "person_category_check";`);
    this.addSql(`alter table "person" drop column "employer_enterprise_id", drop column "region_code", drop column "category", drop column "specialties", drop column "technical_fields", drop column "qualifications";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
