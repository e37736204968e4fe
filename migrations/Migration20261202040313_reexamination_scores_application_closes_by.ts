import { Migration } from '@mikro-orm/migrations';

export class Migration20261202040313_reexamination_scores_application_closes_by extends Migration {

  override name = 'Migration20261202040313_reexamination_scores_application_closes_by';

  override up(): void | Promise<void> {
    // R4: the latest closing day of a year's window is a programme setting (31 July by default).
    // D 三(二)4: a re-examination records the scores it checked and the incidents it found.
    this.addSql(`alter table "programme_settings" add "application_closes_by" varchar(5) not null default '07-31';`);

    this.addSql(`alter table "designation" add "reexamination_score_a" double precision null, add "reexamination_score_b" double precision null, add "reexamination_incident_ids" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "designation" drop column "reexamination_score_a", drop column "reexamination_score_b", drop column "reexamination_incident_ids";`);
    this.addSql(`alter table "programme_settings" drop column "application_closes_by";`);
  }

}
