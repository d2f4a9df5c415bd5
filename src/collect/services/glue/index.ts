/**
 * Glue (regional): jobs with their role and arguments (GetJobs), and development endpoints with
 * theirs (GetDevEndpoints). Only the fields the snapshot format holds are kept, so nothing else a
 * job definition carries (visual-job nodes with connection options, notebook settings) is ever
 * written; argument values that look like credentials are redacted before a snapshot is written
 * or analyzed. Scripts in S3 are not read.
 */
import { GetDevEndpointsCommand, GetJobsCommand, GlueClient } from '@aws-sdk/client-glue';
import { call, str, type Rec, type ServiceDescriptor } from '../../engine/descriptor.js';

const pages = { inputToken: 'NextToken', outputToken: 'NextToken' } as const;

/** Copies the named fields that are present. */
function only(record: Rec, fields: readonly string[]): Rec {
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined && record[f] !== null).map((f) => [f, record[f]]));
}

/** A job as the snapshot holds it: name, role, the command's name and script, its arguments. */
function jobFields(job: Rec): Rec {
  const command = job['Command'] && typeof job['Command'] === 'object' ? only(job['Command'] as Rec, ['Name', 'ScriptLocation']) : undefined;
  return { ...only(job, ['Name', 'Role', 'DefaultArguments', 'NonOverridableArguments']), ...(command ? { Command: command } : {}) };
}

/** Keeps each list's records to the given shape. */
function reshape(section: Rec, field: string, keep: (record: Rec) => Rec): Rec {
  return Array.isArray(section[field]) ? { [field]: (section[field] as Rec[]).map(keep) } : {};
}

/** The Glue collector: jobs and development endpoints. */
export const glue: ServiceDescriptor = {
  service: 'glue',
  scope: 'regional',
  section: 'Glue',
  client: GlueClient,
  fetches: [
    { field: 'Jobs', call: call(GetJobsCommand), paginate: pages, items: 'Jobs', name: (j) => str(j, 'Name'), required: true },
    { field: 'DevEndpoints', call: call(GetDevEndpointsCommand), paginate: pages, items: 'DevEndpoints', name: (e) => str(e, 'EndpointName') },
  ],
  finish: (section) => ({
    ...section,
    ...reshape(section, 'Jobs', jobFields),
    ...reshape(section, 'DevEndpoints', (e) => only(e, ['EndpointName', 'RoleArn', 'Status'])),
  }),
};
