// The SES v2 emulator (aws-ses-v2-local) in-process: web inbox at `/`, its store at `GET /store`.
// The emulator keeps its store in memory. Given a store file (npm start: under the data folder),
// every email it accepts is appended to that file as one JSON line before SES answers, and the
// file is loaded at start, so the inbox survives a restart or a crash as DynamoDB state does,
// and emails can be counted across kills (issue 12: the chaos harness counts duplicates).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { CreateEmailTemplateCommand, UpdateEmailTemplateCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmailTemplateSource } from '../emails/templates.ts';

interface RunningSesEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

type StartSesServer = (config: { host: string; port: number }) => Promise<Server>;

interface SesEmulatorOptions {
  /** JSON-lines file that keeps every email sent; omit to keep them in memory only (tests). */
  storeFile?: string;
}

type StoredEmail = Record<string, unknown>;

/** The emulator's store module: its send routes call `saveEmail`, and `/clear-store` calls `clearStore`, through these exports. */
interface SesStoreModule {
  saveEmail(email: StoredEmail): void;
  clearStore(): void;
  getStoreReadonly(): { emails: StoredEmail[] };
}

const loadServerFactory = async (): Promise<StartSesServer> => {
  // A CommonJS module with `exports.default`: under tsx the factory is `default`, under plain Node `default.default`.
  const module = (await import('aws-ses-v2-local')) as unknown as { default: StartSesServer | { default: StartSesServer } };
  return typeof module.default === 'function' ? module.default : module.default.default;
};

/** The emails of a store file; a line torn by a crash in the middle of its write is left out. */
const readStoreFile = (file: string): StoredEmail[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as StoredEmail];
      } catch {
        return [];
      }
    });
};

/** The file the store is kept in by the running emulator, if any (the emulator's store is per process). */
let storeFile: string | undefined;
let storeWrapped = false;

/**
 * Wraps the store's `saveEmail` and `clearStore` (once per process) so the file follows them.
 * The append is synchronous, so an email SES has answered for is on disk even if the process is
 * killed straight after.
 */
const wrapStore = (store: SesStoreModule): void => {
  if (storeWrapped) return;
  storeWrapped = true;
  const { saveEmail, clearStore } = store;
  store.saveEmail = (email) => {
    if (storeFile) appendFileSync(storeFile, `${JSON.stringify(email)}\n`);
    saveEmail(email);
  };
  store.clearStore = () => {
    if (storeFile) writeFileSync(storeFile, '');
    clearStore();
  };
};

/** Points the emulator's store at `file` (loaded into it now, appended to from now on), or at memory only. */
const useStoreFile = (file: string | undefined): void => {
  const store = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as SesStoreModule;
  wrapStore(store);
  storeFile = file;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const emails = store.getStoreReadonly().emails;
  emails.splice(0, emails.length, ...readStoreFile(file));
};

/** The line of the emulator's inbox page that puts an email's HTML into its preview frame. */
const INBOX_PREVIEW_LINE = 'iframeDoc.body.innerHTML = e.body.html;';

/**
 * The emulator's inbox page, its preview showing inline parts as a mail client does: each
 * `cid:<Content-ID>` in the HTML (RFC 2392) becomes the stored part's bytes as a data: URL. The
 * emulator's own page shows the HTML as sent, so a chart sent inline (issue 13) is a broken image
 * there. Throws when a new emulator version changed the line, so the patch cannot silently stop.
 */
const inboxPageWithInlineParts = (): string => {
  const page = readFileSync(createRequire(import.meta.url).resolve('aws-ses-v2-local/static/index.html'), 'utf8');
  if (!page.includes(INBOX_PREVIEW_LINE)) throw new Error('aws-ses-v2-local: the inbox page no longer has the line that shows inline (cid:) parts; update local/ses-emulator.ts');
  return page.replace(
    INBOX_PREVIEW_LINE,
    "iframeDoc.body.innerHTML = e.body.html.replace(/([\"'])cid:([^\"']+)\\1/g, (whole, quote, id) => { const part = (e.attachments || []).find((a) => a.contentId === id || a.contentId === '<' + id + '>'); return part ? quote + 'data:' + part.contentType + ';base64,' + part.content + quote : whole; });",
  );
};

/** Serves `GET /` with the inbox page above; every other request goes to the emulator as before. */
const serveInboxWithInlineParts = (server: Server): void => {
  const page = inboxPageWithInlineParts();
  const emulator = server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && (request.url === '/' || request.url?.startsWith('/?'))) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    for (const listener of emulator) listener(request, response);
  });
};

type CompileTemplate = (source: string, options?: { strict?: boolean }) => (data: unknown) => string;

/** Compiled templates by strictness and source text; a bound so inline templates cannot grow it forever. */
const MAX_COMPILED_TEMPLATES = 500;
let compileCached = false;

/**
 * The emulator compiles a stored template's subject, HTML and text with Handlebars on every send
 * (about 3% of a cohort walk's host CPU, profiled); compiled once per distinct source here.
 * Its send routes reach `compileTemplate` through the module's exports, so replacing the export
 * is enough. A source that fails to compile is not kept: it fails again, with the same message.
 */
const cacheTemplateCompilation = (): void => {
  if (compileCached) return;
  compileCached = true;
  const module = createRequire(import.meta.url)('aws-ses-v2-local/dist/v2/renderTemplate.js') as { compileTemplate: CompileTemplate };
  const compile = module.compileTemplate;
  const compiled = new Map<string, ReturnType<CompileTemplate>>();
  module.compileTemplate = (source, options = {}) => {
    const key = `${options.strict === true ? 'strict' : 'lenient'}:${source}`;
    let render = compiled.get(key);
    if (!render) {
      render = compile(source, options);
      if (compiled.size >= MAX_COMPILED_TEMPLATES) compiled.clear();
      compiled.set(key, render);
    }
    return render;
  };
};

const startSesEmulator = async (host: string, port: number, options: SesEmulatorOptions = {}): Promise<RunningSesEmulator> => {
  const start = await loadServerFactory();
  useStoreFile(options.storeFile);
  cacheTemplateCompilation();
  const server = await start({ host, port });
  serveInboxWithInlineParts(server);
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
export type { RunningSesEmulator, SesEmulatorOptions };
