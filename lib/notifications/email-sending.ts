// The SES side of the project: a verified domain identity, a configuration set every send goes
// through (reputation metrics, suppression of bounces and complaints, sending events published to
// CloudWatch for the bounce-rate alarm), and the templates.
import { CfnOutput } from 'aws-cdk-lib';
import { regionalArn } from '../arns.ts';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import {
  CfnTemplate, CloudWatchDimensionSource, ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { resourceNames } from '../config/resource-names.ts';
import type { EmailTemplateSource } from './email-templates.ts';

interface EmailSendingProps {
  config: StageConfig;
  templates: readonly EmailTemplateSource[];
  /** When the domain's zone is in Route 53 in this account, the DKIM records are created too. */
  hostedZoneId?: string;
}

/**
 * SES's auto-tag naming the configuration set of each send: as the dimension of the published
 * events it splits this stage's sends from any other sender in the account (SES Developer Guide,
 * CloudWatch event destinations: "use ses:configuration-set for the Dimension Name").
 */
const configurationSetDimension = 'ses:configuration-set';

/** The events the bounce-rate alarm and the dashboard read. */
const publishedEvents = [
  EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT,
];

/** What a function needs to send: passed across stacks as plain strings. */
interface EmailSender {
  fromAddress: string;
  appBaseUrl: string;
  configurationSetName: string;
  configurationSetArn: string;
  identityArnPattern: string;
  templateArns: readonly string[];
}

/** Built from names alone, so the workflow stack can bind senders without a cross-stack export. */
const emailSenderFor = (config: StageConfig, templates: readonly EmailTemplateSource[]): EmailSender => {
  const names = resourceNames(config);
  return {
    fromAddress: `no-reply@${config.emailDomain}`,
    appBaseUrl: config.appBaseUrl,
    configurationSetName: names.configurationSet,
    configurationSetArn: regionalArn('ses', `configuration-set/${names.configurationSet}`),
    // In the SES sandbox, SendEmail is also authorised against each verified recipient
    // identity, so the grant names every identity and pins the sender with ses:FromAddress.
    identityArnPattern: regionalArn('ses', 'identity/*'),
    templateArns: templates.map((template) => regionalArn('ses', `template/${template.TemplateName}`)),
  };
};

const identityFor = (domain: string, hostedZoneId: string | undefined, scope: Construct): Identity =>
  hostedZoneId === undefined
    ? Identity.domain(domain)
    : Identity.publicHostedZone(PublicHostedZone.fromHostedZoneAttributes(scope, 'Zone', { hostedZoneId, zoneName: domain }));

class EmailSending extends Construct {
  readonly sender: EmailSender;
  readonly identity: EmailIdentity;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    const { config, templates } = props;
    const configurationSetName = resourceNames(config).configurationSet;
    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    configurationSet.addEventDestination('CloudWatch', {
      configurationSetEventDestinationName: 'cloudwatch-sending-events',
      destination: EventDestination.cloudWatchDimensions([
        { name: configurationSetDimension, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: configurationSetName },
      ]),
      events: publishedEvents,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: identityFor(config.emailDomain, props.hostedZoneId, this),
      // The default configuration set: every send from the domain goes through it, whether or
      // not the handler names it.
      configurationSet,
    });
    for (const template of templates) {
      new CfnTemplate(this, `Template${template.TemplateName}`, {
        template: {
          templateName: template.TemplateName,
          subjectPart: template.SubjectPart,
          htmlPart: template.HtmlPart,
          textPart: template.TextPart,
        },
      });
    }
    this.sender = emailSenderFor(config, templates);
    this.outputDkimRecords();
  }

  private outputDkimRecords(): void {
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: 'CNAME record that verifies the sending domain (add it to DNS unless Route 53 hosts the zone)',
        value: `${record.name} CNAME ${record.value}`,
      });
    });
  }
}

export { EmailSending, configurationSetDimension, emailSenderFor };
export type { EmailSender, EmailSendingProps };
