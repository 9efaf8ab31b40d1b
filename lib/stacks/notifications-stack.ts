import { Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { EmailSending } from '../notifications/email-sending.ts';
import type { EmailTemplateSource } from '../notifications/email-templates.ts';

interface NotificationsStackProps extends StackProps {
  config: StageConfig;
  templates: readonly EmailTemplateSource[];
  hostedZoneId?: string;
}

class NotificationsStack extends Stack {
  readonly email: EmailSending;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    this.email = new EmailSending(this, 'Email', {
      config: props.config,
      templates: props.templates,
      hostedZoneId: props.hostedZoneId,
    });
  }
}

export { NotificationsStack };
export type { NotificationsStackProps };
