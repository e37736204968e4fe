import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { exportVisibility, reportingPolicy, reportVisibility } from './reporting.policy.js';
import { timeDimensions } from './reporting.dimensions.js';
import { createReportingLoaders } from './reporting.loaders.js';
import { Report, ReportSnapshot } from './report.entity.js';
import { ExportJob } from './export.entity.js';
import { ExportResolver } from './export.resolver.js';
import { ReportResolver, ReportSnapshotResolver } from './report.resolver.js';
import { StatisticsResolver } from './statistics.resolver.js';

/** Reporting (issue 15): statistics from every module's registry, public figures, frozen reports: docs/reporting.md. */
export const reportingModule = defineModule({
  name: 'reporting',
  entities: [Report, ReportSnapshot, ExportJob],
  createLoaders: createReportingLoaders,
  policy: reportingPolicy,
  resolvers: [StatisticsResolver, ReportResolver, ReportSnapshotResolver, ExportResolver],
  nodes: {
    Report: fetchVisibleByIds(Report, 'r', reportVisibility),
    ReportSnapshot: fetchVisibleByIds(ReportSnapshot, 's', reportVisibility),
    ExportJob: fetchVisibleByIds(ExportJob, 'x', exportVisibility),
  },
  reporting: { dimensions: timeDimensions },
});
