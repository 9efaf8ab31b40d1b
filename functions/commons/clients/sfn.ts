// Endpoint from AWS_ENDPOINT_URL_SFN when set (the local runtime), else the regional one.
import { SFNClient } from '@aws-sdk/client-sfn';
import { nameNetworkFailures } from './dependency-errors.ts';

const sfnClient = nameNetworkFailures(new SFNClient({}), 'Step Functions');

export { sfnClient };
