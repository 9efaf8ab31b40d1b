// Endpoint from AWS_ENDPOINT_URL_SCHEDULER when set (the local scheduler), else the regional one.
import { SchedulerClient } from '@aws-sdk/client-scheduler';

const schedulerClient = new SchedulerClient({});

export { schedulerClient };
