// A real local SMTP server that keeps what it receives, for tests that read the mail Dateline sends.
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  raw: string;
}

export interface MailCatcher {
  url: string;
  messages: CapturedMail[];
  /** Waits (bounded) for a message to this address and returns it. */
  waitFor(to: string, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

/** Listens on a free port, or on `port` (to bring a server back where a mailer already points). */
export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    async waitFor(to, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.to.includes(to));
        if (found) return found;
        if (Date.now() > end) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The password link in a mail (quoted-printable soft breaks undone). */
export const linkIn = (mail: CapturedMail): string => {
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const m = /https?:\/\/\S+\/admin\/password\/[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`no password link in:\n${text}`);
  return m[0];
};
