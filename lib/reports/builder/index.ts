// The report builder (issue 15): one query schema for the API, the Reports page's URL and the exports.
export { groupedReportQuery, detailedReportQuery, GROUP_KEYS, RANGE_PRESETS, ROUNDING_MODES, ROUNDING_MINUTES, ROUNDING_SCOPES } from "./query-schema";
export type { GroupKey, GroupedReportQuery, DetailedReportQuery, ReportFilters } from "./query-schema";
export { groupedReport, type ReportGroup, type ReportFigures } from "./grouped";
export { detailedReport, reportEntries, type ReportEntry } from "./detailed";
export { roundedSeconds, type Rounding } from "./rounding";
