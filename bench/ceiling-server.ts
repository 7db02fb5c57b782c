// The ceiling: a minimal Node http server answering a file's bytes from memory (the article page, or a JSON answer),
// as text/html unless a content type follows the file. With CEILING_ETAG set, it answers a request carrying that
// validator with a 304, the ceiling of a revalidation.
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.argv[2]);
const contentType = process.argv[3] ?? 'text/html; charset=utf-8';
const etag = process.env.CEILING_ETAG;
// The headers the measured server sent with each answer (CEILING_HEADERS, CEILING_304_HEADERS, JSON), so the ceiling
// sends the same bytes on the wire, headers included; without them, only what HTTP needs.
const headers200: Record<string, string> = JSON.parse(process.env.CEILING_HEADERS ?? '{}');
const headers304: Record<string, string> = JSON.parse(process.env.CEILING_304_HEADERS ?? '{}');
const server = http.createServer((req, res) => {
  if (etag && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ...headers304, etag });
    res.end();
    return;
  }
  res.writeHead(200, { ...headers200, 'content-type': contentType, 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening ${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
