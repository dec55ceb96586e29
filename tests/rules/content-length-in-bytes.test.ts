import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import contentLengthInBytes from '../../rules/content-length-in-bytes.js';
import { testable, jsTester, tsTester, typedTester } from './testers.js';

type Options = [{ reportUnknownOrigin?: boolean }];
type Invalid = InvalidTestCase<'stringLength' | 'useByteLength', Options>;
type Valid = ValidTestCase<Options>;

const rule = testable(contentLengthInBytes);

const js = jsTester();
const ts = tsTester();
const typed = typedTester('content-length');

/** A report with an autofix: `x` is certainly a string. */
function fixed(code: string, output: string, operation: string, first: string, line = 2): Invalid {
  return { code, output, errors: [{ messageId: 'stringLength', line, data: { operation, first } }] };
}
/** A report with a suggestion: `x` may be a string. */
function suggested(code: string, output: string, operation: string, first: string, line = 2): Invalid {
  return {
    code,
    output: null,
    errors: [
      {
        messageId: 'stringLength',
        line,
        data: { operation, first },
        suggestions: [{ messageId: 'useByteLength', data: { text: first }, output }],
      },
    ],
  };
}

/** `const body = JSON.stringify(data);` then `line`: the header forms, with a body that is a string. */
const withStringBody = (line: string): string => `const body = JSON.stringify(data);\n${line}`;
const headerForms: [string, string][] = [
  ["res.setHeader('Content-Length', body.length);", "res.setHeader('Content-Length', Buffer.byteLength(body));"],
  ["res.setHeader('content-length', body.length);", "res.setHeader('content-length', Buffer.byteLength(body));"],
  ["res.appendHeader('CONTENT-LENGTH', body.length);", "res.appendHeader('CONTENT-LENGTH', Buffer.byteLength(body));"],
  ["res.writeHead(200, { 'Content-Length': body.length });", "res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) });"],
  ["res.writeHead(200, 'OK', { 'content-length': body.length });", "res.writeHead(200, 'OK', { 'content-length': Buffer.byteLength(body) });"],
  ["res.writeHead(200, [['Content-Length', body.length]]);", "res.writeHead(200, [['Content-Length', Buffer.byteLength(body)]]);"],
  [
    "res.writeHead(200, ['Content-Type', 'text/plain', 'Content-Length', body.length]);",
    "res.writeHead(200, ['Content-Type', 'text/plain', 'Content-Length', Buffer.byteLength(body)]);",
  ],
  [
    "res.setHeaders(new Map([['Content-Length', body.length]]));",
    "res.setHeaders(new Map([['Content-Length', Buffer.byteLength(body)]]));",
  ],
  [
    "res.setHeaders(new Headers({ 'content-length': String(body.length) }));",
    "res.setHeaders(new Headers({ 'content-length': String(Buffer.byteLength(body)) }));",
  ],
  ["res.set('Content-Length', body.length);", "res.set('Content-Length', Buffer.byteLength(body));"],
  ["res.header('Content-Length', body.length);", "res.header('Content-Length', Buffer.byteLength(body));"],
  ["res.append('Content-Length', body.length);", "res.append('Content-Length', Buffer.byteLength(body));"],
  ["res.set({ 'Content-Length': body.length });", "res.set({ 'Content-Length': Buffer.byteLength(body) });"],
  ["res.header({ 'content-length': body.length });", "res.header({ 'content-length': Buffer.byteLength(body) });"],
  [
    "http.request({ method: 'POST', headers: { 'Content-Length': body.length } });",
    "http.request({ method: 'POST', headers: { 'Content-Length': Buffer.byteLength(body) } });",
  ],
  [
    "https.get(url, { headers: { 'content-length': body.length } });",
    "https.get(url, { headers: { 'content-length': Buffer.byteLength(body) } });",
  ],
  ["clientRequest.setHeader('Content-Length', body.length);", "clientRequest.setHeader('Content-Length', Buffer.byteLength(body));"],
  ["headers['Content-Length'] = body.length;", "headers['Content-Length'] = Buffer.byteLength(body);"],
  ["options.headers['content-length'] = body.length;", "options.headers['content-length'] = Buffer.byteLength(body);"],
  ["res.writeHead(200, { ['Content-Length']: body.length });", "res.writeHead(200, { ['Content-Length']: Buffer.byteLength(body) });"],
  [
    'res.writeHead(200, { [`content-length`]: body.length });',
    'res.writeHead(200, { [`content-length`]: Buffer.byteLength(body) });',
  ],
  [
    'stream.respond({ [http2.constants.HTTP2_HEADER_CONTENT_LENGTH]: body.length });',
    'stream.respond({ [http2.constants.HTTP2_HEADER_CONTENT_LENGTH]: Buffer.byteLength(body) });',
  ],
  [
    'stream.respond({ [HTTP2_HEADER_CONTENT_LENGTH]: body.length });',
    'stream.respond({ [HTTP2_HEADER_CONTENT_LENGTH]: Buffer.byteLength(body) });',
  ],
];

/** `res.setHeader('Content-Length', <value>)` with each value form, for a string body. */
const valueForms: [string, string, string][] = [
  ["body['length']", 'Buffer.byteLength(body)', "body['length']"],
  ['String(body.length)', 'String(Buffer.byteLength(body))', 'body.length'],
  ['body.length.toString()', 'Buffer.byteLength(body).toString()', 'body.length'],
  ['`${body.length}`', '`${Buffer.byteLength(body)}`', 'body.length'],
  ["'' + body.length", "'' + Buffer.byteLength(body)", 'body.length'],
  ["body.length + ''", "Buffer.byteLength(body) + ''", 'body.length'],
  ['+body.length', '+Buffer.byteLength(body)', 'body.length'],
  ['Number(body.length)', 'Number(Buffer.byteLength(body))', 'body.length'],
  ['body ? body.length : 0', 'body ? Buffer.byteLength(body) : 0', 'body.length'],
  ['body.length || 0', 'Buffer.byteLength(body) || 0', 'body.length'],
];

/** How `body` was built: each certainly gives a string. */
const stringOrigins: [string, string][] = [
  ["const body = 'héllo';", 'a string literal'],
  ['const body = `<p>${name}</p>`;', 'a template literal'],
  ['const body = data.toString();', '.toString()'],
  ["const body = '<p>' + name + '</p>';", 'concatenation'],
  ["let body = ''; body += chunk;", 'a string built with +='],
  ['const text = JSON.stringify(data); const body = text;', 'a variable initialised from a string'],
  ["const body = fs.readFileSync(file, 'utf8');", 'readFileSync with an encoding'],
  ["const body = fs.readFileSync(file, { encoding: 'utf8' });", 'readFileSync with an encoding option'],
  ["const body = items.map(render).join('');", 'join'],
  ['const body = querystring.stringify(form);', 'querystring.stringify'],
  ['const body = String(value);', 'String()'],
];

/**
 * How `body` was built: each is proven pure ASCII text, whose `.length` is its byte count, by shape
 * (several spellings of each).
 */
const asciiOrigins: Record<string, string[]> = {
  'a string literal': [
    "const body = 'Not Found';",
    'const body = "Moved Permanently\\n";',
    "const body = 'A\\x42\\u0043';",
    "const body = '';",
  ],
  'a const bound to one, through aliases': [
    "const NOT_FOUND = 'Not Found';\nconst body = NOT_FOUND;",
    "const TEXT = 'ok'; const MESSAGE = TEXT; const body = MESSAGE;",
    "const body = (NOT_FOUND);\nconst NOT_FOUND = 'gone';",
  ],
  'a template of ASCII text and numbers': [
    'const body = `<h1>${404}</h1>`;',
    'const code = 503; const body = `status=${code}`;',
    'const body = `${items.length} items, ${items.length * 2} halves`;',
    "const unit = 'ms'; const body = `took ${Date.now() - start}${unit}`;",
    'const body = `${`v${1}`}.${2}`;',
    'const body = String.raw`C:\\temp\\${7}`;',
  ],
  'a reason phrase from http.STATUS_CODES': [
    'const body = http.STATUS_CODES[404];',
    "import http from 'node:http';\nconst body = http.STATUS_CODES[code];",
    "import * as nodeHttp from 'http';\nconst body = nodeHttp.STATUS_CODES[res.statusCode] || 'Unknown';",
    "import { STATUS_CODES } from 'node:http';\nconst body = STATUS_CODES[status];",
    "import { STATUS_CODES as reasons } from 'http';\nconst body = reasons[status] ?? 'Unknown';",
    "const { STATUS_CODES } = require('http');\nconst body = STATUS_CODES[err.status];",
    "const http = require('node:http');\nconst body = http.STATUS_CODES[code] + '\\r\\n';",
  ],
  'a concatenation of ASCII parts': [
    "const body = 'Error: ' + 500;",
    "const code = 404; const body = 'Error ' + code + ': ' + 'Not Found';",
    "const body = 'count=' + rows.length + '\\n';",
    "const body = 'a' + (flag ? 'yes' : 'no');",
  ],
  'a number as text': [
    'const body = String(rows.length);',
    'const count = 3; const body = count.toString();',
    'const body = (42).toString(16);',
    'const body = JSON.stringify(rows.length);',
    'const body = String(Math.round(ratio * 100));',
    'const body = (total / n).toFixed(2);',
    'const body = `${Number(req.query.page) + 1}`;',
  ],
  'hex and base64 text': [
    "const body = crypto.createHash('sha256').update(text).digest('hex');",
    "const body = hmac.digest('base64');",
    "const body = createHash('md5').update(data).digest('base64url');",
    "const body = png.toString('base64');",
    "const body = key.toString('hex').toUpperCase();",
    "const etag = hash.digest('hex'); const body = `\"${etag}\"`;",
  ],
  'text escaped or generated as ASCII': [
    'const body = encodeURIComponent(name);',
    "const body = 'next=' + encodeURI(url);",
    'const body = crypto.randomUUID();',
    'const body = new Date().toISOString();',
    "const body = [404, 'Not Found'].join(' ');",
  ],
  'JSON of an object literal of ASCII values': [
    'const body = JSON.stringify({ ok: true });',
    "const body = JSON.stringify({ error: 'Not Found', status: 404 });",
    "const body = JSON.stringify({ etag: crypto.createHash('md5').update(text).digest('hex'), size: text.length });",
    "const MESSAGE = 'gone'; const code = 410; const body = JSON.stringify({ message: MESSAGE, code });",
    "const body = JSON.stringify({ items: [1, 2, 3], next: null, 'x-id': `${7}` }, null, 2);",
    "const body = JSON.stringify({ error: { reason: http.STATUS_CODES[404] } });",
  ],
};

/** Values that look like the shapes above but are not proven ASCII: still reported, with the fix. */
const nonAsciiStrings: string[] = [
  "const body = 'Grüße';",
  "const body = 'caf\\u00e9';",
  "const GREETING = 'héllo'; const body = GREETING;",
  'const body = `Bonjour ${7} à tous`;',
  "const body = 'Error: ' + 500 + ' – ' + 'Not Found';",
  'const body = JSON.stringify(req.body);',
  'const body = JSON.stringify({ ok: true, name: req.body.name });',
  'const body = JSON.stringify({ ok: true, ...extra });',
  "const body = JSON.stringify({ ok: true }, replacer);",
  "const body = JSON.stringify({ 'clé': 1 });",
  "const body = hash.digest('latin1');",
  "const body = buf.toString('utf8');",
  "const body = 'i'.toLocaleUpperCase('tr');",
  "const body = 'Hello ' + name.trim();",
  'const body = `${count}`.padStart(8, fill);',
];

/** How `body` was built: each gives bytes (or no string at all). */
const byteOrigins: string[] = [
  'const body = Buffer.from(JSON.stringify(data));',
  'const body = Buffer.alloc(16);',
  'const body = Buffer.concat(chunks);',
  'const body = fs.readFileSync(file);',
  "const body = fs.readFileSync(file, { flag: 'r' });",
  'const body = fs.readFileSync(file, null);',
  'const body = await fs.promises.readFile(file);',
  'const body = new TextEncoder().encode(text);',
  'const encoder = new TextEncoder(); const body = encoder.encode(text);',
  'const body = new Uint8Array(buffer);',
  'const body = zlib.gzipSync(text);',
  "const body = crypto.createHash('sha256').update(text).digest();",
  'const body = Buffer.from(text).subarray(1);',
  "const body = text.split('');",
  'const body = [];',
];

js.run('content-length-in-bytes (JS, no types)', rule, {
  valid: [
    ...Object.values(asciiOrigins)
      .flat()
      .map((origin): Valid => ({ code: `${origin}\nres.setHeader('Content-Length', body.length);` })),
    // proven ASCII in the other places a length is read
    "res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 'Not Found'.length });",
    "const NOT_FOUND = 'Not Found';\nfunction notFound(res) { res.writeHead(404, { 'Content-Length': NOT_FOUND.length }); res.end(NOT_FOUND); }",
    "import { STATUS_CODES } from 'node:http';\nfunction fail(res, code) { const text = STATUS_CODES[code]; res.writeHead(code, { 'content-length': String(text.length) }); res.end(text); }",
    "socket.write('HTTP/1.1 400 Bad Request\\r\\nContent-Length: ' + 'Bad Request'.length + '\\r\\n\\r\\nBad Request');",
    "const etag = hash.digest('hex');\nres.set({ 'Content-Length': JSON.stringify({ etag }).length });",
    ...byteOrigins.map((origin): Valid => ({ code: `${origin}\nres.setHeader('Content-Length', body.length);` })),
    // numbers that are byte counts already
    "res.setHeader('Content-Length', stat.size);",
    "res.setHeader('Content-Length', Buffer.byteLength(body));",
    "res.writeHead(200, { 'Content-Length': Buffer.byteLength(body, 'utf8') });",
    "res.setHeader('Content-Length', 0);",
    "res.setHeader('Content-Length', contentLength);",
    // other headers and other uses of Content-Length
    "res.setHeader('X-Item-Count', items.length);",
    "res.setHeader('Content-Type', body.length > 10 ? 'a' : 'b');",
    "const { 'content-length': declared } = req.headers; check(declared, body.length);",
    "if (req.headers['content-length'] === body.length) ok();",
    "res.setHeader(name, body.length);",
    // guards that make the value bytes
    "res.setHeader('Content-Length', Buffer.isBuffer(body) ? body.length : Buffer.byteLength(body));",
    "res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.length);",
    "if (body instanceof Uint8Array) { res.setHeader('Content-Length', body.length); }",
    "if (!Buffer.isBuffer(body)) { body = Buffer.from(body); } else { res.setHeader('Content-Length', body.length); }",
    // fs.readFile's callback receives a Buffer without an encoding
    "fs.readFile(file, (err, data) => { res.writeHead(200, { 'Content-Length': data.length }); res.end(data); });",
    "fs.readFile(file, {}, function (err, data) { res.setHeader('Content-Length', data.length); });",
    // zlib delivers Buffers to callbacks and promises; `toBuffer()` returns one
    "zlib.gzip(text, (err, zipped) => { res.setHeader('Content-Length', zipped.length); res.end(zipped); });",
    "const zipped = await promisify(zlib.brotliCompress)(text); res.setHeader('Content-Length', zipped.length);",
    "const png = await sharp(input).resize(64).toBuffer(); res.setHeader('Content-Length', png.length);",
    // what the rest of the function does with a parameter: only a Buffer has `copy` and `toString(encoding)`
    "function send(res, body) { res.setHeader('Content-Length', body.length); log(body.toString('hex')); res.end(body); }",
    "function send(res, payload) { payload.copy(target); res.setHeader('Content-Length', payload.length); }",
    // regressions (real handlers): a binary Content-Type says the body of unknown origin is bytes
    "function sendImage(res, data, format) {\n  res.setHeader('Content-Type', `image/${format}`); res.setHeader('Content-Length', data.length); res.end(data); }",
    "app.get('/a', async (req, res) => { const data = await getArchive(); res.set('Content-Type', 'application/zip'); res.set('Content-Length', data.length); res.end(data); });",
    "async function handler(req, res) { const { data, details } = await load(req); res.setHeader('Content-Type', details.mimeType); res.setHeader('Content-Length', data.length); res.end(data); }",
    "createServer((req, res) => { res.writeHead(200, { 'content-type': MIME[ext] || 'application/octet-stream', 'content-length': BINARY.length }); res.end(BINARY); });",
    "function download(res, content) { const fileType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'; res.set({ 'Content-Type': fileType, 'Content-Length': content.length }); }",
    "app.get('/c', async (req, res) => { const content = await streamToBuffer(blob.readableStreamBody); res.writeHead(200, { 'Content-Length': content.length }); res.end(content); });",
    // regression (a real image server): a Content-Type picked per file means file bytes
    "async function variant(req, res) { res.setHeader('Content-Type', TYPES[format]); const body = await cache.get(key, render); res.setHeader('Content-Length', body.length); res.end(body); }",
    // regression (a real script server): a conversion guarded by the type leaves bytes on every path
    "function writeResponse(res, sc, msg) { res.setHeader('Content-Type', 'text/html'); let body = msg; if (!Buffer.isBuffer(body)) { body = iconv.encode(msg, 'utf-8'); } res.setHeader('Content-Length', body.length); res.end(body); }",
    "function send(res, body) { if (typeof body === 'string') body = Buffer.from(body); res.setHeader('Content-Length', body.length); res.end(body); }",
    // base64 and hex text is ASCII: one byte per character
    "const body = png.toString('base64'); res.setHeader('Content-Length', body.length); res.end(body);",
    // a latin1 string has one character per byte
    "app.get('/z', async (req, res) => { const data = await zipped(); res.set('Content-Length', data.length); res.end(data, 'binary'); });",
    // regression (a real test helper): the conditional's own test makes each branch bytes
    "function request(data) { const body = Buffer.isBuffer(data) ? data : data === undefined ? null : Buffer.from(JSON.stringify(data)); return http.request({ headers: { 'Content-Length': body.length } }); }",
    // regression (express/lib/response.js): the last write before the read made it a Buffer
    `function send(res, chunk, encoding) {
      let len;
      if (Buffer.isBuffer(chunk)) {
        len = chunk.length;
      } else {
        chunk = Buffer.from(chunk, encoding);
        len = chunk.length;
      }
      res.set('Content-Length', len);
    }`,
    // regression (a real server's fixed code): `unescape(encodeURIComponent(s))` has one character per byte
    'this.setHeader("Content-Length", unescape(encodeURIComponent(body)).length);',
    // regression (three real proxies): a parameter named for bytes is taken at its word
    "function bypass(req, res, buffer) { res.setHeader('content-length', buffer.length); res.end(buffer); }",
    "function send(res, bodyBuffer) { res.writeHead(200, { 'Content-Length': bodyBuffer.length }); }",
    "function send(res, opts) { res.writeHead(200, { 'Content-Length': opts.rawBytes.length }); }",
    // expectations about headers someone else sent
    "expect(res.headers).toMatchObject({ 'content-length': String(body.length) });",
    "assert.deepStrictEqual(res.headers, { 'content-length': JSON.stringify(data).length });",
    // text that is not a raw head
    'const line = `Length: ${body.length}`;',
    "log('content-length: ' + body.length);",
    // unknown origin, switched off
    {
      code: "function send(res, body) { res.setHeader('Content-Length', body.length); }",
      options: [{ reportUnknownOrigin: false }],
    },
  ],
  invalid: [
    ...headerForms.map(([line, output]) => fixed(withStringBody(line), withStringBody(output), 'body.length', 'body')),
    ...valueForms.map(([value, output, operation]) =>
      fixed(
        withStringBody(`res.setHeader('Content-Length', ${value});`),
        withStringBody(`res.setHeader('Content-Length', ${output});`),
        operation,
        'body',
      ),
    ),
    ...[...stringOrigins.map(([origin]) => origin), ...nonAsciiStrings].map((origin) =>
      fixed(
        `${origin}\nres.setHeader('Content-Length', body.length);`,
        `${origin}\nres.setHeader('Content-Length', Buffer.byteLength(body));`,
        'body.length',
        'body',
      ),
    ),
    // the value kept in a variable first
    fixed(
      "const body = JSON.stringify(data);\nconst len = body.length;\nres.setHeader('Content-Length', len);",
      "const body = JSON.stringify(data);\nconst len = Buffer.byteLength(body);\nres.setHeader('Content-Length', len);",
      'body.length',
      'body',
    ),
    // a header name kept in a constant
    fixed(
      "const CONTENT_LENGTH = 'Content-Length';\nres.setHeader(CONTENT_LENGTH, JSON.stringify(data).length);",
      "const CONTENT_LENGTH = 'Content-Length';\nres.setHeader(CONTENT_LENGTH, Buffer.byteLength(JSON.stringify(data)));",
      'JSON.stringify(data).length',
      'JSON.stringify(data)',
    ),
    // a headers object built in a variable, then passed on
    fixed(
      "function post(body) {\n  const text = JSON.stringify(body); const headers = { 'Content-Type': 'application/json' }; headers['Content-Length'] = text.length;\n  return http.request({ method: 'POST', headers });\n}",
      "function post(body) {\n  const text = JSON.stringify(body); const headers = { 'Content-Type': 'application/json' }; headers['Content-Length'] = Buffer.byteLength(text);\n  return http.request({ method: 'POST', headers });\n}",
      'text.length',
      'text',
    ),
    // a string guard
    fixed(
      "res.setHeader('Content-Length', typeof body === 'string' ? body.length : body.byteLength);",
      "res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);",
      'body.length',
      'body',
      1,
    ),
    // a parameter defaulting to a string
    fixed(
      "function send(res, body = '') {\n  res.writeHead(200, { 'Content-Length': body.length }); res.end(body); }",
      "function send(res, body = '') {\n  res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) }); res.end(body); }",
      'body.length',
      'body',
    ),
    // unknown origin: a suggestion, not a fix
    suggested(
      "function send(res, body) {\n  res.writeHead(200, { 'Content-Length': body.length }); res.end(body); }",
      "function send(res, body) {\n  res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) }); res.end(body); }",
      'body.length',
      'body',
    ),
    suggested(
      "if (opts.headers['content-length'] === undefined) {\n  opts.headers['content-length'] = String(opts.body.length); }",
      "if (opts.headers['content-length'] === undefined) {\n  opts.headers['content-length'] = String(Buffer.byteLength(opts.body)); }",
      'opts.body.length',
      'opts.body',
    ),
    // a parameter used as a string elsewhere: still only a suggestion (usage is not construction)
    suggested(
      "function send(res, text) {\n  res.setHeader('Content-Length', text.length); res.end(text.trim()); }",
      "function send(res, text) {\n  res.setHeader('Content-Length', Buffer.byteLength(text)); res.end(text.trim()); }",
      'text.length',
      'text',
    ),
    // a string on one path, a Buffer on another: a suggestion
    suggested(
      "const body = raw ? Buffer.from(data) : JSON.stringify(data);\nres.setHeader('Content-Length', body.length);",
      "const body = raw ? Buffer.from(data) : JSON.stringify(data);\nres.setHeader('Content-Length', Buffer.byteLength(body));",
      'body.length',
      'body',
    ),
    // an optional read would throw on a missing body once fixed: a suggestion
    suggested(
      "const body = JSON.stringify(data);\nres.setHeader('Content-Length', body?.length);",
      "const body = JSON.stringify(data);\nres.setHeader('Content-Length', Buffer.byteLength(body));",
      'body?.length',
      'body',
    ),
    // a conditional conversion does not make every path a Buffer
    suggested(
      "function send(res, body) {\n  if (typeof body === 'object') body = Buffer.from(body); res.setHeader('Content-Length', body.length); }",
      "function send(res, body) {\n  if (typeof body === 'object') body = Buffer.from(body); res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    // a raw HTTP head written by hand
    fixed(
      "function head(body = '') {\n  return `HTTP/1.1 200 OK\\r\\nContent-Length: ${body.length}\\r\\n\\r\\n${body}`; }",
      "function head(body = '') {\n  return `HTTP/1.1 200 OK\\r\\nContent-Length: ${Buffer.byteLength(body)}\\r\\n\\r\\n${body}`; }",
      'body.length',
      'body',
    ),
    fixed(
      "const body = JSON.stringify(data);\nsocket.write('HTTP/1.1 200 OK\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body);",
      "const body = JSON.stringify(data);\nsocket.write('HTTP/1.1 200 OK\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body);",
      'body.length',
      'body',
    ),
    // sums and multiples of lengths (a real benchmark server): each string length is reported
    {
      code: "var l2 = 'done\\n';\nres.writeHead(200, { 'Content-Length': rc * s00.length + l2.length });",
      output: "var l2 = 'done\\n';\nres.writeHead(200, { 'Content-Length': rc * s00.length + Buffer.byteLength(l2) });",
      errors: [
        {
          messageId: 'stringLength',
          line: 2,
          column: 45,
          suggestions: [
            {
              messageId: 'useByteLength',
              data: { text: 's00' },
              output: "var l2 = 'done\\n';\nres.writeHead(200, { 'Content-Length': rc * Buffer.byteLength(s00) + l2.length });",
            },
          ],
        },
        { messageId: 'stringLength', line: 2, column: 58 },
      ],
    },
    // the length computed by a method of the same class (a real request library)
    suggested(
      "class Request {\n  getContentLength() { return this.getBody().length; }\n  send() { this.req.setHeader('Content-Length', this.getContentLength()); } }",
      "class Request {\n  getContentLength() { return Buffer.byteLength(this.getBody()); }\n  send() { this.req.setHeader('Content-Length', this.getContentLength()); } }",
      'this.getBody().length',
      'this.getBody()',
    ),
    fixed(
      "function lengthOf(data) { if (!data) { return 0; } return JSON.stringify(data).length; }\nres.setHeader('Content-Length', lengthOf(payload));",
      "function lengthOf(data) { if (!data) { return 0; } return Buffer.byteLength(JSON.stringify(data)); }\nres.setHeader('Content-Length', lengthOf(payload));",
      'JSON.stringify(data).length',
      'JSON.stringify(data)',
      1,
    ),
    // a string property of `this` (a real request class): origin unknown, a suggestion
    suggested(
      "class Request { constructor() {\n  this.headers['Content-Length'] = this.bodyText.length; } }",
      "class Request { constructor() {\n  this.headers['Content-Length'] = Buffer.byteLength(this.bodyText); } }",
      'this.bodyText.length',
      'this.bodyText',
    ),
    // a text Content-Type does not excuse a body of unknown origin
    suggested(
      "function sendHtml(res, html) {\n  res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': html.length }); res.end(html); }",
      "function sendHtml(res, html) {\n  res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) }); res.end(html); }",
      'html.length',
      'html',
    ),
    // a type looked up by a text name is text
    suggested(
      "const page = (html) => {\n  res.setHeader('Content-Type', CONTENT_TYPES.html); res.setHeader('Content-Length', html.length); };",
      "const page = (html) => {\n  res.setHeader('Content-Type', CONTENT_TYPES.html); res.setHeader('Content-Length', Buffer.byteLength(html)); };",
      'html.length',
      'html',
    ),
    // a type variable that is given a text type is text (a real message helper)
    suggested(
      "function httpMessage(response, output, code, mime) {\n  mime = mime || 'text/plain'; response.writeHead(code, { 'Content-Length': output.length, 'Content-Type': mime }); response.end(output); }",
      "function httpMessage(response, output, code, mime) {\n  mime = mime || 'text/plain'; response.writeHead(code, { 'Content-Length': Buffer.byteLength(output), 'Content-Type': mime }); response.end(output); }",
      'output.length',
      'output',
    ),
    // vendor JSON is text
    suggested(
      "function sendApi(res, body) {\n  res.writeHead(200, { 'Content-Type': 'application/vnd.api+json', 'Content-Length': body.length }); res.end(body); }",
      "function sendApi(res, body) {\n  res.writeHead(200, { 'Content-Type': 'application/vnd.api+json', 'Content-Length': Buffer.byteLength(body) }); res.end(body); }",
      'body.length',
      'body',
    ),
    // SVG is text
    suggested(
      "function sendSvg(res, svg) {\n  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': svg.length }); res.end(svg); }",
      "function sendSvg(res, svg) {\n  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': Buffer.byteLength(svg) }); res.end(svg); }",
      'svg.length',
      'svg',
    ),
    // a known string in a binary response is still reported
    fixed(
      "function sendPng(res) {\n  const png = `${header}${pixels}`; res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length }); res.end(png); }",
      "function sendPng(res) {\n  const png = `${header}${pixels}`; res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': Buffer.byteLength(png) }); res.end(png); }",
      'png.length',
      'png',
    ),
    // known strings are reported with reportUnknownOrigin off too
    {
      ...fixed(
        "function send(res, name) {\n  const body = `<p>${name}</p>`; res.setHeader('Content-Length', body.length); res.end(body); }",
        "function send(res, name) {\n  const body = `<p>${name}</p>`; res.setHeader('Content-Length', Buffer.byteLength(body)); res.end(body); }",
        'body.length',
        'body',
      ),
      options: [{ reportUnknownOrigin: false }],
    },
    // a template with a string parameter is not proven ASCII
    fixed(
      "function greet(res, name) {\n  const body = `Hello, ${name}!`; res.setHeader('Content-Length', body.length); res.end(body); }",
      "function greet(res, name) {\n  const body = `Hello, ${name}!`; res.setHeader('Content-Length', Buffer.byteLength(body)); res.end(body); }",
      'body.length',
      'body',
    ),
    // `STATUS_CODES` of something that is not node:http is not a reason phrase table
    fixed(
      "function reason(http, code) {\n  const body = http.STATUS_CODES[code]; res.setHeader('Content-Length', body.length); }",
      "function reason(http, code) {\n  const body = http.STATUS_CODES[code]; res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    // a `let` bound to ASCII text may be given other text before the read
    suggested(
      "let body = 'ok'; if (failed) body = reason;\nres.setHeader('Content-Length', body.length);",
      "let body = 'ok'; if (failed) body = reason;\nres.setHeader('Content-Length', Buffer.byteLength(body));",
      'body.length',
      'body',
    ),
    // a string from a parameter, through String() and concatenation
    fixed(
      "function send(res, text) {\n  const body = 'Note: ' + String(text); res.setHeader('Content-Length', body.length); }",
      "function send(res, text) {\n  const body = 'Note: ' + String(text); res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    // a long expression is shortened in the message only
    fixed(
      "res.setHeader('Content-Length', JSON.stringify({ message: 'not found', detail: err.message }).length);",
      "res.setHeader('Content-Length', Buffer.byteLength(JSON.stringify({ message: 'not found', detail: err.message })));",
      "JSON.stringify({ message: 'not found', …",
      "JSON.stringify({ message: 'not found', …",
      1,
    ),
  ],
});

ts.run('content-length-in-bytes (TypeScript annotations, no program)', rule, {
  valid: [
    "function send(res: Res, body: Buffer) { res.setHeader('Content-Length', body.length); }",
    "function send(res: Res, body: Uint8Array) { res.setHeader('Content-Length', body.length); }",
    "function send(res: Res, body: NodeJS.TypedArray) { res.setHeader('Content-Length', body.length); }",
    "function send(res: Res, items: string[]) { res.setHeader('Content-Length', items.length); }",
    "const body: Buffer = make(); res.setHeader('Content-Length', body.length);",
    "res.setHeader('Content-Length', (payload as Buffer).length);",
    // proven ASCII: a `number` annotation is the programmer's word
    "function send(res: Res, n: number) {\n  const body = String(n); res.setHeader('Content-Length', body.length); }",
    "function fail(res: Res, code: number) {\n  const body = `${code} ${http.STATUS_CODES[code]}`; res.writeHead(code, { 'Content-Length': body.length }); }",
    "const retries: number | undefined = load(); const body = JSON.stringify({ retries });\nres.setHeader('Content-Length', body.length);",
    "const body = 'ok' as const;\nres.setHeader('Content-Length', body.length);",
    "const body = <string>'Accepted';\nres.setHeader('Content-Length', body.length);",
  ],
  invalid: [
    fixed(
      "function greet(res: Res, name: string) {\n  const body = `Hello, ${name}`; res.setHeader('Content-Length', body.length); }",
      "function greet(res: Res, name: string) {\n  const body = `Hello, ${name}`; res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    fixed(
      "function send(res: Res, body: string) {\n  res.setHeader('Content-Length', body.length); }",
      "function send(res: Res, body: string) {\n  res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    fixed(
      "const body: string = make();\nres.writeHead(200, { 'Content-Length': body.length });",
      "const body: string = make();\nres.writeHead(200, { 'Content-Length': Buffer.byteLength(body) });",
      'body.length',
      'body',
    ),
    fixed(
      "res.setHeader('Content-Length', (payload as string).length);",
      "res.setHeader('Content-Length', Buffer.byteLength(payload as string));",
      '(payload as string).length',
      'payload as string',
      1,
    ),
    suggested(
      "function send(res: Res, body: string | Buffer) {\n  res.setHeader('Content-Length', body.length); }",
      "function send(res: Res, body: string | Buffer) {\n  res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
    suggested(
      "function send(res: Res, body: Payload) {\n  res.setHeader('Content-Length', body.length); }",
      "function send(res: Res, body: Payload) {\n  res.setHeader('Content-Length', Buffer.byteLength(body)); }",
      'body.length',
      'body',
    ),
  ],
});

const prelude = "import type { ServerResponse } from 'node:http';\ndeclare const res: ServerResponse;\n";
const typedCase = (declaration: string, line = "res.setHeader('Content-Length', body.length);"): string =>
  `${prelude}${declaration}\n${line}`;
const typedFixed = (declaration: string): Invalid =>
  fixed(
    typedCase(declaration),
    typedCase(declaration, "res.setHeader('Content-Length', Buffer.byteLength(body));"),
    'body.length',
    'body',
    3 + declaration.split('\n').length,
  );
const typedSuggested = (declaration: string): Invalid =>
  suggested(
    typedCase(declaration),
    typedCase(declaration, "res.setHeader('Content-Length', Buffer.byteLength(body));"),
    'body.length',
    'body',
    3 + declaration.split('\n').length,
  );

typed.run('content-length-in-bytes (type-aware)', rule, {
  valid: [
    typedCase('declare const body: Buffer;'),
    typedCase('declare const body: Uint8Array;'),
    typedCase('declare const body: Float64Array;'),
    typedCase('declare const body: string[];'),
    typedCase('declare function load(): Buffer;\nconst body = load();'),
    // `any`, but visibly built as bytes
    typedCase('const body: any = Buffer.from("x");'),
    typedCase('declare const stat: { size: number };', "res.setHeader('Content-Length', stat.size);"),
    typedCase('declare const body: string;', "res.setHeader('Content-Length', Buffer.byteLength(body));"),
    // a type the syntax cannot see: the annotation says nothing, the checker does
    typedCase('type Payload = Buffer;\ndeclare const body: Payload;'),
    // proven ASCII: the literal's type is a string, the text is still one byte per character
    typedCase("const body = 'Not Found';"),
    typedCase("const REASON = 'Gone';\nconst body: string = REASON;"),
    // the checker proves the numbers
    typedCase('declare function count(): number;\nconst body = `${count()} rows`;'),
    typedCase("import { STATUS_CODES } from 'node:http';\ndeclare const code: number;\nconst body = `${code} ${STATUS_CODES[code]}`;"),
    typedCase('declare const stats: { total: number; done: boolean };\nconst body = JSON.stringify({ total: stats.total, done: stats.done });'),
  ],
  invalid: [
    typedFixed('declare const body: string;'),
    typedFixed("declare const body: 'ok' | 'not found';"),
    typedFixed("declare const body: string & { readonly __brand: 'Html' };"),
    typedFixed('declare function render(): string;\nconst body = render();'),
    typedFixed('type Html = string;\ndeclare const body: Html;'),
    typedFixed('declare const body: String;'),
    fixed(
      `${prelude}function send<T extends string>(body: T) {\n  res.setHeader('Content-Length', body.length); }`,
      `${prelude}function send<T extends string>(body: T) {\n  res.setHeader('Content-Length', Buffer.byteLength(body)); }`,
      'body.length',
      'body',
      4,
    ),
    fixed(
      `${prelude}declare const body: string | undefined;\nres.setHeader('Content-Length', body!.length);`,
      `${prelude}declare const body: string | undefined;\nres.setHeader('Content-Length', Buffer.byteLength(body!));`,
      'body!.length',
      'body!',
      4,
    ),
    typedFixed("const body = 'héllo';"),
    typedFixed('declare const name: string;\nconst body = `Hello, ${name}`;'),
    typedFixed('declare const stats: { total: number; label: string };\nconst body = JSON.stringify({ total: stats.total, label: stats.label });'),
    typedSuggested('declare const body: string | Buffer;'),
    typedSuggested('declare const body: any;'),
    typedSuggested('declare const body: unknown;'),
  ],
});
