import { Migration } from '@mikro-orm/migrations';

/** Issue 17: credit records (integrity publicity, dishonesty records feeding revocation incidents) and expert consulting abroad; tracked by the data version. */
export class Migration20261202173856_credit_and_consulting extends Migration {
  override name = 'Migration20261202173856_credit_and_consulting';

  override up(): void | Promise<void> {
    this.addSql(`create table "credit_record" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "kind" text not null, "title" varchar(200) not null, "authority" varchar(200) not null, "document_number" varchar(100) null, "decided_on" date not null, "public_until" date null, "description" text not null, "incident_kind" text null, "penalty_area" text null, "incident_id" uuid null, "repaired_on" date null, "repair_reason" text null, "recorded_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "credit_record_enterprise_idx" on "credit_record" ("enterprise_id", "decided_on");`);
    this.addSql(`create index "credit_record_created_idx" on "credit_record" ("created_at", "id");`);
    this.addSql(`create table "overseas_consultation" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid not null, "topic" text not null, "country_codes" jsonb not null, "question" text not null, "exhibition" varchar(200) null, "exhibition_opens_on" date null, "status" text not null default 'OPEN', "expert_id" uuid null, "organization_id" uuid null, "matched_at" timestamptz(3) null, "advice" text null, "answered_at" timestamptz(3) null, "requested_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "overseas_consultation_countries_idx" on "overseas_consultation" using gin ("country_codes" jsonb_path_ops);`);
    this.addSql(`create index "overseas_consultation_enterprise_idx" on "overseas_consultation" ("enterprise_id", "created_at");`);
    this.addSql(`create index "overseas_consultation_created_idx" on "overseas_consultation" ("created_at", "id");`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_incident_id_foreign" foreign key ("incident_id") references "revocation_incident" ("id") on delete set null;`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_dates_check" check (("public_until" is null or "public_until" >= "decided_on") and ("repaired_on" is null or "repaired_on" >= "decided_on"));`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_incident_check" check (("incident_kind" is null or "kind" = 'DISHONESTY') and (("incident_kind" = 'ADMINISTRATIVE_PENALTY') = ("penalty_area" is not null)));`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_kind_check" check ("kind" in ('INTEGRITY', 'DISHONESTY'));`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_incident_kind_check" check ("incident_kind" in ('ADMINISTRATIVE_PENALTY', 'MALICIOUS_INFRINGEMENT', 'ABNORMAL_PATENT_APPLICATION', 'SUBSIDY_FRAUD', 'FALSE_MATERIAL'));`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_penalty_area_check" check ("penalty_area" in ('INTELLECTUAL_PROPERTY', 'QUALITY_SAFETY', 'ENERGY_ENVIRONMENT'));`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_expert_id_foreign" foreign key ("expert_id") references "person" ("id") on delete restrict;`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_answer_check" check (("status" = 'ANSWERED') = ("advice" is not null));`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_match_check" check (("status" in ('OPEN', 'CANCELLED')) or ("expert_id" is not null or "organization_id" is not null));`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_topic_check" check ("topic" in ('LAYOUT', 'RIGHTS_PROTECTION', 'EXHIBITION_LEGAL'));`);
    this.addSql(`alter table "overseas_consultation" add constraint "overseas_consultation_status_check" check ("status" in ('OPEN', 'MATCHED', 'ANSWERED', 'CANCELLED'));`);

    this.addSql(`select ip_track_data_version('credit_record');`);
    this.addSql(`select ip_track_data_version('overseas_consultation');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "overseas_consultation" cascade;`);
    this.addSql(`drop table if exists "credit_record" cascade;`);
  }
}
