/**
 * The one finding of every request and response body that carries findings (fire, preview,
 * receivers, inbox, traffic, reports). Declared once in `src/shared/ssf/finding.ts`; the main
 * process and the renderer take the schema and its type from here.
 * @module
 */
export {
  FINDING_SEVERITIES,
  findingSchema,
  findingSeveritySchema,
  type Finding,
  type FindingSeverity
} from '../ssf/finding'
