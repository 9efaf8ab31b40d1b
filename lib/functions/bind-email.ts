// Gives a function what it needs to send templated email and the permission to do exactly that.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { EmailSender } from '../notifications/email-sending.ts';
import { regionalArnAsNagPrintsIt } from '../arns.ts';
import { acknowledge } from '../nag.ts';
import { EnvVar } from '#contracts/environment';

interface BindEmailSenderProps {
  fn: LambdaFunction;
  sender: EmailSender;
}

const bindEmailSender = ({ fn, sender }: BindEmailSenderProps): void => {
  fn.addEnvironment(EnvVar.emailFrom, sender.fromAddress);
  // Emails carry links to the pages, never task tokens (functions/commons/helpers/emails.ts).
  fn.addEnvironment(EnvVar.appBaseUrl, sender.appBaseUrl);
  fn.addToRolePolicy(new PolicyStatement({
    actions: ['ses:SendEmail'],
    resources: [sender.identityArnPattern, sender.configurationSetArn, ...sender.templateArns],
    conditions: { StringEquals: { 'ses:FromAddress': sender.fromAddress } },
  }));
  if (fn.role !== undefined) {
    acknowledge(fn.role, `AwsSolutions-IAM5[Resource::${regionalArnAsNagPrintsIt('ses', 'identity/*')}]`,
      'SES sandbox authorises SendEmail against each verified recipient identity as well as the sender; the ses:FromAddress condition pins the sender to the project address.');
  }
};

export { bindEmailSender };
export type { BindEmailSenderProps };
