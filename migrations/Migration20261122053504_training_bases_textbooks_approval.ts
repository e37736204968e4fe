import { Migration } from '@mikro-orm/migrations';

export class Migration20261122053504_training_bases_textbooks_approval extends Migration {

  override name = 'Migration20261122053504_training_bases_textbooks_approval';

  override up(): void | Promise<void> {
    this.addSql(`create table "training_textbook" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "title" varchar(200) not null, "edition" varchar(40) not null, "tier" text null, "editors" varchar(200) not null, "publisher" varchar(200) null, "published_year" int not null, "isbn" varchar(13) null, "topics" jsonb not null, primary key ("id"));`);
    this.addSql(`alter table "training_textbook" add constraint "training_textbook_isbn_unique" unique ("isbn");`);
    this.addSql(`alter table "training_textbook" add constraint "training_textbook_title_edition_unique" unique ("title", "edition");`);

    this.addSql(`create table "training_program_textbook" ("program_id" uuid not null, "textbook_id" uuid not null, primary key ("program_id", "textbook_id"));`);

    this.addSql(`alter table "training_program" add "target_industry_codes" jsonb not null default '[]', add "organizer_region_code" varchar(6) null;`);

    this.addSql(`alter table "training_session" add "approval_required" boolean not null default false, add "seats_allocated_at" timestamptz(3) null;`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_status_check";`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_status_check" check ("status" in ('REQUESTED', 'APPROVED', 'DECLINED', 'BOOKED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'COMPLETED', 'NO_SHOW'));`);

    this.addSql(`alter table "training_textbook" add constraint "training_textbook_tier_check" check ("tier" in ('SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER', 'OTHER'));`);

    this.addSql(`alter table "training_program_textbook" add constraint "training_program_textbook_program_id_foreign" foreign key ("program_id") references "training_program" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "training_program_textbook" add constraint "training_program_textbook_textbook_id_foreign" foreign key ("textbook_id") references "training_textbook" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "training_program_textbook" drop constraint "training_program_textbook_textbook_id_foreign";`);

    this.addSql(`drop table if exists "training_textbook" cascade;`);
    this.addSql(`drop table if exists "training_program_textbook" cascade;`);

    this.addSql(`alter table "enrolment" drop constraint "enrolment_status_check";`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_status_check" check ("status" in ('BOOKED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'COMPLETED', 'NO_SHOW'));`);

    this.addSql(`alter table "training_program" drop column "target_industry_codes", drop column "organizer_region_code";`);

    this.addSql(`alter table "training_session" drop column "approval_required", drop column "seats_allocated_at";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}
