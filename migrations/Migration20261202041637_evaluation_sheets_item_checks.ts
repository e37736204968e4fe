import { Migration } from '@mikro-orm/migrations';

export class Migration20261202041637_evaluation_sheets_item_checks extends Migration {

  override name = 'Migration20261202041637_evaluation_sheets_item_checks';

  override up(): void | Promise<void> {
    // D 三(一)2, 三(二)2: tables A and B of the evaluation index system, one version per year (public data).
    this.addSql(`create table "evaluation_sheet" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "year" int not null, "evaluation_table" text not null, "title" varchar(100) not null, "sections" jsonb not null, "max_total" double precision not null, "version" int not null default 1, "updated_by" varchar(64) null, primary key ("id"));`);
    this.addSql(`alter table "evaluation_sheet" add constraint "evaluation_sheet_year_table_unique" unique ("year", "evaluation_table");`);
    this.addSql(`alter table "evaluation_sheet" add constraint "evaluation_sheet_evaluation_table_check" check ("evaluation_table" in ('A', 'B'));`);
    this.addSql(`select ip_track_data_version('evaluation_sheet');`);

    // D 三(二)2, 三(一)1: the provincial check of the self-assessment (checked totals) and the backbone attestation.
    this.addSql(`alter table "demonstration_application" add "checked_score_a" double precision null, add "checked_score_b" double precision null, add "checked_at" timestamptz(3) null, add "checked_by" varchar(64) null, add "backbone_statement" text null, add "backbone_attested_by" varchar(64) null, add "backbone_attested_on" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "demonstration_application" drop column "checked_score_a", drop column "checked_score_b", drop column "checked_at", drop column "checked_by", drop column "backbone_statement", drop column "backbone_attested_by", drop column "backbone_attested_on";`);

    // Its data-version triggers go with the table.
    this.addSql(`drop table if exists "evaluation_sheet";`);
  }

}
