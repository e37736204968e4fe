import { Migration } from '@mikro-orm/migrations';

/** Issue 16: industry patent analysis reports by enterprises and service organisations; tracked by the data version. */
export class Migration20261202154803_industry_reports extends Migration {
  override name = 'Migration20261202154803_industry_reports';

  override up(): void | Promise<void> {
    this.addSql(`create table "industry_analysis_report" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "enterprise_id" uuid null, "organization_id" uuid null, "industry_code" varchar(4) not null, "title" varchar(200) not null, "summary" text not null, "attachment_ids" jsonb not null default '[]', "status" text not null default 'DRAFT', "published_at" timestamptz(3) null, "withdraw_reason" text null, "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "industry_analysis_report_attachments_idx" on "industry_analysis_report" using gin ("attachment_ids" jsonb_path_ops);`);
    this.addSql(`create index "industry_analysis_report_published_idx" on "industry_analysis_report" ("industry_code", "published_at") where "status" = 'PUBLISHED';`);
    this.addSql(`create index "industry_analysis_report_created_idx" on "industry_analysis_report" ("created_at", "id");`);
    this.addSql(`alter table "industry_analysis_report" add constraint "industry_analysis_report_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "industry_analysis_report" add constraint "industry_analysis_report_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "industry_analysis_report" add constraint "industry_analysis_report_publisher_check" check (("enterprise_id" is null) <> ("organization_id" is null));`);
    this.addSql(`alter table "industry_analysis_report" add constraint "industry_analysis_report_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN'));`);

    this.addSql(`select ip_track_data_version('industry_analysis_report');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "industry_analysis_report" cascade;`);
  }
}
