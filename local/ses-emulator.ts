// The SES v2 emulator (aws-ses-v2-local) in-process: web inbox at `/`, its store at `GET /store`.
// Its store lives in memory, so emails do not survive a restart (DynamoDB state does).
import { CreateEmailTemplateCommand, UpdateEmailTemplateCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmailTemplateSource } from '../emails/templates.ts';

interface RunningSesEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

type StartSesServer = (config: { host: string; port: number }) => Promise<Server>;

const loadServerFactory = async (): Promise<StartSesServer> => {
  // A CommonJS module with `exports.default`: under tsx the factory is `default`, under plain Node `default.default`.
  const module = (await import('aws-ses-v2-local')) as unknown as { default: StartSesServer | { default: StartSesServer } };
  return typeof module.default === 'function' ? module.default : module.default.default;
};

const startSesEmulator = async (host: string, port: number): Promise<RunningSesEmulator> => {
  const start = await loadServerFactory();
  const server = await start({ host, port });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/** Creates each template, or updates it when it already exists (the emulator answers 400 then). */
const installEmailTemplates = async (client: SESv2Client, templates: readonly EmailTemplateSource[]): Promise<void> => {
  for (const template of templates) {
    const TemplateContent = { Subject: template.SubjectPart, Html: template.HtmlPart, Text: template.TextPart };
    try {
      await client.send(new CreateEmailTemplateCommand({ TemplateName: template.TemplateName, TemplateContent }));
    } catch {
      await client.send(new UpdateEmailTemplateCommand({ TemplateName: template.TemplateName, TemplateContent }));
    }
  }
};

export { installEmailTemplates, startSesEmulator };
export type { RunningSesEmulator };
