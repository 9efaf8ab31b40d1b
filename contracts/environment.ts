// The environment variables the CDK stacks set on a function and its handler reads (and the
// local app sets for the in-process handlers). One list, so a renamed variable cannot leave a
// deployed function failing at cold start with MissingConfiguration.
const EnvVar = {
  tableName: 'TABLE_NAME',
  emailFrom: 'EMAIL_FROM',
  appBaseUrl: 'APP_BASE_URL',
  stateMachineArn: 'STATE_MACHINE_ARN',
  scheduleGroupName: 'SCHEDULE_GROUP_NAME',
  scheduleRoleArn: 'SCHEDULE_ROLE_ARN',
  /** SQS queue every one-off schedule sends a start it could not deliver to. */
  scheduleDeadLetterQueueArn: 'SCHEDULE_DEAD_LETTER_QUEUE_ARN',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** The private bucket evidence files are uploaded to (presigned POST) and read from (presigned GET). */
  evidenceBucketName: 'EVIDENCE_BUCKET_NAME',
} as const;
type EnvVar = (typeof EnvVar)[keyof typeof EnvVar];

export { EnvVar };
