import type { ToolDefinition } from '../providers/provider';

const NO_ARGUMENTS = { type: 'object', properties: {}, additionalProperties: false };

/** The operator persona's tools: read-only views of the platform, through the api's ops routes (admins only). */
export const OPERATOR_TOOLS: ToolDefinition[] = [
  { name: 'ops_health', description: 'Every service’s readiness, latency and 24 h uptime.', parameters: NO_ARGUMENTS },
  {
    name: 'ops_metrics',
    description: 'Platform figures: users, projects, generation jobs, and AI cost per provider per day.',
    parameters: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 90 } }, additionalProperties: false },
  },
  { name: 'generation_dead_letters', description: 'Generation jobs that failed for good, newest first, with their errors.', parameters: NO_ARGUMENTS },
];
