// Endpoint from AWS_ENDPOINT_URL_SFN when set (the local runtime), else the regional one.
import { SFNClient } from '@aws-sdk/client-sfn';

const sfnClient = new SFNClient({});

export { sfnClient };
