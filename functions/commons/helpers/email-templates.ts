// Names of the SES templates; each has a source file in emails/ with the same TemplateName.
const EmailTemplate = {
  welcome: 'AccreditationWelcome',
  taskOpened: 'AccreditationTaskOpened',
  outcome: 'AccreditationOutcome',
} as const;
type EmailTemplate = (typeof EmailTemplate)[keyof typeof EmailTemplate];

export { EmailTemplate };
