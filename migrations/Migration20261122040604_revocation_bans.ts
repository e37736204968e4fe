import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040604_revocation_bans extends Migration {

  override name = 'Migration20261122040604_revocation_bans';

  override up(): void | Promise<void> {
    this.addSql(`create table "application_ban" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "designation_id" uuid null, "reason" text not null, "starts_on" date not null, "ends_on" date not null, primary key ("id"));`);
    this.addSql(`create index "application_ban_enterprise_idx" on "application_ban" ("enterprise_id", "ends_on");`);

    this.addSql(`create table "revocation_incident" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "kind" text not null, "penalty_area" text null, "occurred_on" date not null, "description" text not null, "evidence" text not null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "revocation_incident_enterprise_date_idx" on "revocation_incident" ("enterprise_id", "occurred_on");`);

    this.addSql(`alter table "designation" add "ended_on" date null;`);

    this.addSql(`alter table "application_ban" add constraint "application_ban_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "application_ban" add constraint "application_ban_designation_id_foreign" foreign key ("designation_id") references "designation" ("id") on delete set null;`);
    this.addSql(`alter table "application_ban" add constraint "application_ban_period_check" check ("ends_on" >= "starts_on");`);
    this.addSql(`alter table "application_ban" add constraint "application_ban_reason_check" check ("reason" in ('REVOKED', 'REEXAMINATION_FAILED', 'NOT_FILED'));`);

    this.addSql(`alter table "revocation_incident" add constraint "revocation_incident_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "revocation_incident" add constraint "revocation_incident_penalty_area_kind_check" check (("kind" = 'ADMINISTRATIVE_PENALTY') = ("penalty_area" is not null));`);
    this.addSql(`alter table "revocation_incident" add constraint "revocation_incident_kind_check" check ("kind" in ('ADMINISTRATIVE_PENALTY', 'MALICIOUS_INFRINGEMENT', 'ABNORMAL_PATENT_APPLICATION', 'SUBSIDY_FRAUD', 'FALSE_MATERIAL'));`);
    this.addSql(`alter table "revocation_incident" add constraint "revocation_incident_penalty_area_check" check ("penalty_area" in ('INTELLECTUAL_PROPERTY', 'QUALITY_SAFETY', 'ENERGY_ENVIRONMENT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "application_ban" cascade;`);
    this.addSql(`drop table if exists "revocation_incident" cascade;`);

    this.addSql(`alter table "designation" drop column "ended_on";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
