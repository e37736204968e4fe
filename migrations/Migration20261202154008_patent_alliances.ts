import { Migration } from '@mikro-orm/migrations';

/** Issue 16: industry patent alliances, their members and joint defence fund entries; tracked by the data version. */
export class Migration20261202154008_patent_alliances extends Migration {
  override name = 'Migration20261202154008_patent_alliances';

  override up(): void | Promise<void> {
    this.addSql(`create table "patent_alliance" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "name" varchar(200) not null, "industry_code" varchar(4) not null, "lead_enterprise_id" uuid not null, "purpose" text not null, "founded_on" date not null, "status" text not null default 'ACTIVE', "dissolved_on" date null, "fund_balance" numeric(16,2) not null default 0, "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "patent_alliance_lead_idx" on "patent_alliance" ("lead_enterprise_id");`);
    this.addSql(`create index "patent_alliance_created_idx" on "patent_alliance" ("created_at", "id");`);
    this.addSql(`create table "patent_alliance_member" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "alliance_id" uuid not null, "enterprise_id" uuid null, "kind" text not null, "name" varchar(200) not null, "lead" boolean not null default false, "joined_on" date not null, "left_on" date null, primary key ("id"));`);
    this.addSql(`create unique index "patent_alliance_member_current" on "patent_alliance_member" ("alliance_id", "enterprise_id") where "left_on" is null and "enterprise_id" is not null;`);
    this.addSql(`create index "patent_alliance_member_enterprise_idx" on "patent_alliance_member" ("enterprise_id");`);
    this.addSql(`create index "patent_alliance_member_alliance_idx" on "patent_alliance_member" ("alliance_id", "joined_on");`);
    this.addSql(`create table "alliance_fund_entry" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "alliance_id" uuid not null, "kind" text not null, "amount" numeric(16,2) not null, "occurred_on" date not null, "member_id" uuid not null, "purpose" text not null, "balance_after" numeric(16,2) not null, "recorded_by" varchar(64) not null, primary key ("id"));`);
    this.addSql(`create index "alliance_fund_entry_alliance_idx" on "alliance_fund_entry" ("alliance_id", "occurred_on", "id");`);
    this.addSql(`alter table "patent_alliance" add constraint "patent_alliance_lead_enterprise_id_foreign" foreign key ("lead_enterprise_id") references "enterprise" ("id") on delete restrict;`);
    this.addSql(`alter table "patent_alliance" add constraint "patent_alliance_balance_check" check ("fund_balance" >= 0);`);
    this.addSql(`alter table "patent_alliance" add constraint "patent_alliance_status_check" check ("status" in ('ACTIVE', 'DISSOLVED'));`);
    this.addSql(`alter table "patent_alliance_member" add constraint "patent_alliance_member_alliance_id_foreign" foreign key ("alliance_id") references "patent_alliance" ("id") on delete cascade;`);
    this.addSql(`alter table "patent_alliance_member" add constraint "patent_alliance_member_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "patent_alliance_member" add constraint "patent_alliance_member_term_check" check ("left_on" is null or "left_on" >= "joined_on");`);
    this.addSql(`alter table "patent_alliance_member" add constraint "patent_alliance_member_enterprise_check" check (("kind" = 'ENTERPRISE') = ("enterprise_id" is not null));`);
    this.addSql(`alter table "patent_alliance_member" add constraint "patent_alliance_member_kind_check" check ("kind" in ('ENTERPRISE', 'UNIVERSITY', 'INSTITUTE', 'SERVICE_AGENCY', 'OTHER'));`);
    this.addSql(`alter table "alliance_fund_entry" add constraint "alliance_fund_entry_alliance_id_foreign" foreign key ("alliance_id") references "patent_alliance" ("id") on delete cascade;`);
    this.addSql(`alter table "alliance_fund_entry" add constraint "alliance_fund_entry_member_id_foreign" foreign key ("member_id") references "patent_alliance_member" ("id") on delete restrict;`);
    this.addSql(`alter table "alliance_fund_entry" add constraint "alliance_fund_entry_amount_check" check ("amount" > 0 and "balance_after" >= 0);`);
    this.addSql(`alter table "alliance_fund_entry" add constraint "alliance_fund_entry_kind_check" check ("kind" in ('CONTRIBUTION', 'PAYOUT'));`);

    this.addSql(`select ip_track_data_version('patent_alliance');`);
    this.addSql(`select ip_track_data_version('patent_alliance_member');`);
    this.addSql(`select ip_track_data_version('alliance_fund_entry');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "alliance_fund_entry" cascade;`);
    this.addSql(`drop table if exists "patent_alliance_member" cascade;`);
    this.addSql(`drop table if exists "patent_alliance" cascade;`);
  }
}
