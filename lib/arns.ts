// ARNs built from pseudo parameters rather than from the stack's environment, so they render the
// same in every stage and account — and so cdk-nag acknowledgements can name them exactly.
import { Aws } from 'aws-cdk-lib';

/** `arn:<partition>:<service>:<region>:<account>:<resource>` */
const regionalArn = (service: string, resource: string): string =>
  `arn:${Aws.PARTITION}:${service}:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;

/** The same ARN as cdk-nag prints it in a finding id, e.g. `AwsSolutions-IAM5[Resource::<this>]`. */
const regionalArnAsNagPrintsIt = (service: string, resource: string): string =>
  `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;

export { regionalArn, regionalArnAsNagPrintsIt };
