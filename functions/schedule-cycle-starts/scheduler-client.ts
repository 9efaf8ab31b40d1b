// Endpoint from AWS_ENDPOINT_URL_SCHEDULER when set (the local scheduler), else the regional one.
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { nameNetworkFailures } from '#commons/clients/dependency-errors';

const schedulerClient = nameNetworkFailures(new SchedulerClient({}), 'EventBridge Scheduler');

export { schedulerClient };
