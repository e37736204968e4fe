import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030817_initial extends Migration {

  override name = 'Migration20261122030817_initial';

  override up(): void | Promise<void> {
    // Substring search over Chinese names, independent of the database locale: every
    // character and every pair of adjacent characters of the lower-cased name. The
    // enterprise table keeps them in a generated column with a GIN index; one- and
    // two-character queries are answered from the index alone, longer ones need all their
    // pairs present and are rechecked with LIKE (see docs/search.md).
    this.addSql(`create or replace function ip_name_grams(t text) returns text[] language sql immutable strict parallel safe as $$
      select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams
    $$;`);


    this.addSql(`create table "industry" ("code" varchar(4) not null, "name" varchar(80) not null, "level" text not null, "parent_code" varchar(4) null, "sort_order" int not null, primary key ("code"));`);
    this.addSql(`create index "industry_parent_code_index" on "industry" ("parent_code");`);

    this.addSql(`create table "region" ("code" varchar(6) not null, "name" varchar(50) not null, "short_name" varchar(20) not null, "name_en" varchar(80) not null, "kind" text not null, "parent_code" varchar(6) null, "sort_order" int not null, primary key ("code"));`);
    this.addSql(`create index "region_parent_code_index" on "region" ("parent_code");`);

    this.addSql(`create table "enterprise" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "credit_code" varchar(18) not null, "name" varchar(200) not null, "name_grams" text[] generated always as (ip_name_grams(name)) stored null, "region_code" varchar(6) not null, "industry_code" varchar(4) not null, "size_class" text not null, "address" varchar(300) null, "founded_on" date not null, "export_oriented" boolean not null default false, "industry_leader" boolean not null default false, "standard_certified_on" date null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "enterprise_region_code_idx" on "enterprise" ("region_code");`);
    this.addSql(`create index "enterprise_industry_code_idx" on "enterprise" ("industry_code");`);
    this.addSql(`create index "enterprise_name_grams_idx" on "enterprise" using gin ("name_grams");`);
    this.addSql(`create index "enterprise_created_at_id_idx" on "enterprise" ("created_at", "id");`);
    this.addSql(`create index "enterprise_founded_on_id_idx" on "enterprise" ("founded_on", "id");`);
    this.addSql(`create index "enterprise_name_id_idx" on "enterprise" ("name", "id");`);

    this.addSql(`create table "enterprise_statistics" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "year" int not null, "invention_applications" int not null default 0, "invention_grants" int not null default 0, "utility_model_grants" int not null default 0, "design_grants" int not null default 0, "valid_invention_patents" int not null default 0, "pct_applications" int not null default 0, "patents_held_abroad" int not null default 0, "trademark_registrations" int not null default 0, "overseas_trademarks" int not null default 0, "copyright_registrations" int not null default 0, "standards_led" int not null default 0, "ip_staff" int not null default 0, "licensing_income" numeric(14,2) not null default 0, "pledge_financing" numeric(14,2) not null default 0, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "enterprise_statistics" add constraint "enterprise_statistics_enterprise_year_unique" unique ("enterprise_id", "year");`);

    this.addSql(`create table "designation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "level" text not null, "status" text not null, "batch_year" int not null, "valid_from" date not null, "valid_until" date not null, primary key ("id"));`);
    this.addSql(`create index "designation_batch_year_idx" on "designation" ("batch_year");`);
    this.addSql(`create index "designation_enterprise_level_idx" on "designation" ("enterprise_id", "level", "valid_from");`);

    this.addSql(`create table "bureau" ("code" varchar(6) not null, "name" varchar(80) not null, "level" text not null, "region_code" varchar(6) null, primary key ("code"));`);
    this.addSql(`alter table "bureau" add constraint "bureau_region_code_unique" unique ("region_code");`);

    this.addSql(`create table "system_meta" ("key" varchar(100) not null, "value" jsonb not null, "updated_at" timestamptz not null, primary key ("key"));`);

    this.addSql(`alter table "industry" add constraint "industry_parent_code_foreign" foreign key ("parent_code") references "industry" ("code") on delete set null;`);
    this.addSql(`alter table "industry" add constraint "industry_level_check" check ("level" in ('SECTION', 'DIVISION'));`);

    this.addSql(`alter table "region" add constraint "region_parent_code_foreign" foreign key ("parent_code") references "region" ("code") on delete set null;`);
    this.addSql(`alter table "region" add constraint "region_kind_check" check ("kind" in ('PROVINCE', 'AUTONOMOUS_REGION', 'MUNICIPALITY', 'SEPARATELY_PLANNED_CITY', 'XPCC'));`);

    this.addSql(`alter table "enterprise" add constraint "enterprise_region_code_foreign" foreign key ("region_code") references "region" ("code");`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_industry_code_foreign" foreign key ("industry_code") references "industry" ("code");`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_size_class_check" check ("size_class" in ('LARGE', 'MEDIUM', 'SMALL', 'MICRO'));`);

    this.addSql(`alter table "enterprise_statistics" add constraint "enterprise_statistics_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "enterprise_statistics" add constraint "enterprise_statistics_year_check" check ("year" >= 1980 and "year" <= 2100);`);

    this.addSql(`alter table "designation" add constraint "designation_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "designation" add constraint "designation_validity_check" check ("valid_until" >= "valid_from");`);
    this.addSql(`alter table "designation" add constraint "designation_level_check" check ("level" in ('ADVANTAGE', 'DEMONSTRATION'));`);
    this.addSql(`alter table "designation" add constraint "designation_status_check" check ("status" in ('ACTIVE', 'EXPIRED', 'CANCELLED', 'WITHDRAWN', 'REVOKED'));`);

    this.addSql(`alter table "bureau" add constraint "bureau_region_code_foreign" foreign key ("region_code") references "region" ("code") on delete set null;`);
    this.addSql(`alter table "bureau" add constraint "bureau_level_check" check ("level" in ('NATIONAL', 'PROVINCIAL'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "industry" drop constraint "industry_parent_code_foreign";`);
    this.addSql(`alter table "enterprise" drop constraint "enterprise_industry_code_foreign";`);
    this.addSql(`alter table "region" drop constraint "region_parent_code_foreign";`);
    this.addSql(`alter table "enterprise" drop constraint "enterprise_region_code_foreign";`);
    this.addSql(`alter table "bureau" drop constraint "bureau_region_code_foreign";`);
    this.addSql(`alter table "enterprise_statistics" drop constraint "enterprise_statistics_enterprise_id_foreign";`);
    this.addSql(`alter table "designation" drop constraint "designation_enterprise_id_foreign";`);

    this.addSql(`drop table if exists "industry" cascade;`);
    this.addSql(`drop table if exists "region" cascade;`);
    this.addSql(`drop table if exists "enterprise" cascade;`);
    this.addSql(`drop table if exists "enterprise_statistics" cascade;`);
    this.addSql(`drop table if exists "designation" cascade;`);
    this.addSql(`drop table if exists "bureau" cascade;`);
    this.addSql(`drop table if exists "system_meta" cascade;`);
  }

}
