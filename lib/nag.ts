// cdk-nag v3 findings are acknowledged through CDK's own Validations API. Every call names
// the rule (with its finding, e.g. `AwsSolutions-IAM5[Resource::*]`) and why it is accepted,
// so a reviewer reads the reason next to the resource it applies to.
// The bare rule id (recorded as `Annotation::<rule>`) is the form both paths honour: the synth-time
// plugin and `AwsSolutionsChecks.validateScope` in the tests; `AwsSolutions::<rule>` only the first.
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const acknowledge = (scope: IConstruct, id: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id, reason });
};

export { acknowledge };
