// A fake X API v2 for footfall's tests. It checks each request's OAuth 1.0a signature with the
// oauth-1.0a package (an implementation independent of footfall's own signer), records every
// request, keeps the posts that X would show, and answers the way the test asks it to.
//
//   FAKEX_CONSUMER_KEY=… FAKEX_CONSUMER_SECRET=… FAKEX_ACCESS_TOKEN=… FAKEX_ACCESS_TOKEN_SECRET=… \
//     node server.mjs [--port N] [--host ADDR] [--skew SECONDS]
//
// Prints "listening on http://HOST:PORT" once ready. The API:
//   POST /2/tweets {"text": …}   201 {"data":{"id","text"}}, or 403 for duplicate content
//   DELETE /2/tweets/:id         200 {"data":{"deleted":true}}, 404 if no such post
//   GET /2/users/me              200 {"data":{"id","name","username"}}
// Control (no signature):
//   POST /_fake/mode {"mode": "ok|unauthorized|ratelimit|error|invalid|hang|down|blackhole", "resetIn": s}
//     ratelimit answers 429 with x-rate-limit-reset resetIn seconds ahead, and returns to ok then;
//     blackhole creates the post and never answers (a response lost after X acted on it).
//   GET /_fake/requests          every request: method, path, text, at (ms), valid, status, id
//   GET /_fake/posts             {"visible": [...], "deleted": [...]}
import http from 'node:http';
import crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const port = Number(args.port ?? 0);
const host = args.host ?? '127.0.0.1';
const skewSeconds = Number(args.skew ?? 300);
const credentials = {
  consumerKey: process.env.FAKEX_CONSUMER_KEY,
  consumerSecret: process.env.FAKEX_CONSUMER_SECRET,
  accessToken: process.env.FAKEX_ACCESS_TOKEN,
  accessTokenSecret: process.env.FAKEX_ACCESS_TOKEN_SECRET,
};
for (const [name, value] of Object.entries(credentials)) {
  if (!value) {
    console.error(`fakex: ${name} is not set (FAKEX_* environment variables)`);
    process.exit(2);
  }
}

const oauth = OAuth({
  consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
  signature_method: 'HMAC-SHA1',
  hash_function: (base, key) => crypto.createHmac('sha1', key).update(base).digest('base64'),
});

let mode = 'ok';
let resetAt = 0;
let nextId = 1860000000000000001n;
const requests = [];
const posts = new Map(); // id -> {id, text, at, deletedAt}
const nonces = new Set();
const hung = new Set();

function parseAuthorization(header) {
  if (!header || !header.startsWith('OAuth ')) return null;
  const fields = {};
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    fields[decodeURIComponent(match[1])] = decodeURIComponent(match[2]);
  }
  return fields;
}

// Why the request's OAuth header is not acceptable, or null if it is.
function checkSignature(req, url) {
  const fields = parseAuthorization(req.headers.authorization);
  if (!fields) return 'no OAuth Authorization header';
  const { oauth_signature: signature, ...oauthData } = fields;
  if (oauthData.oauth_consumer_key !== credentials.consumerKey) return 'wrong consumer key';
  if (oauthData.oauth_token !== credentials.accessToken) return 'wrong access token';
  if (oauthData.oauth_signature_method !== 'HMAC-SHA1') return 'signature method is not HMAC-SHA1';
  if (oauthData.oauth_version !== '1.0') return 'version is not 1.0';
  if (!oauthData.oauth_nonce || nonces.has(oauthData.oauth_nonce)) return 'nonce missing or reused';
  const skew = Math.abs(Date.now() / 1000 - Number(oauthData.oauth_timestamp));
  if (!(skew <= skewSeconds)) return `timestamp off by ${Math.round(skew)} s`;
  const expected = oauth.getSignature(
    { url: `http://${req.headers.host}${url.pathname}${url.search}`, method: req.method, data: {} },
    credentials.accessTokenSecret, oauthData);
  if (expected !== signature) return 'signature does not match';
  nonces.add(oauthData.oauth_nonce);
  return null;
}

function send(res, record, status, body, headers = {}) {
  record.status = status;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function problem(title, status, detail) {
  return { title, type: 'about:blank', status, detail };
}

function control(req, res, url, body) {
  res.setHeader('content-type', 'application/json');
  if (req.method === 'POST' && url.pathname === '/_fake/mode') {
    const order = JSON.parse(body || '{}');
    mode = order.mode;
    resetAt = Math.floor(Date.now() / 1000) + Number(order.resetIn ?? 5);
    if (mode !== 'hang' && mode !== 'blackhole') {
      for (const res of hung) res.destroy();
      hung.clear();
    }
    res.end(JSON.stringify({ mode, resetAt }));
  } else if (url.pathname === '/_fake/requests') {
    res.end(JSON.stringify(requests));
  } else if (url.pathname === '/_fake/posts') {
    const all = [...posts.values()];
    res.end(JSON.stringify({ visible: all.filter(p => !p.deletedAt), deleted: all.filter(p => p.deletedAt) }));
  } else {
    res.statusCode = 404;
    res.end('{}');
  }
}

function createPost(text) {
  const post = { id: String(nextId++), text, at: Date.now(), deletedAt: null };
  posts.set(post.id, post);
  return post;
}

function api(req, res, url, body) {
  const record = { method: req.method, path: url.pathname, at: Date.now(), valid: false, status: null, text: null, id: null };
  requests.push(record);
  if (mode === 'down') {
    req.socket.destroy();
    return;
  }
  if (mode === 'hang') {
    hung.add(res);
    return;
  }
  const badSignature = checkSignature(req, url);
  record.valid = badSignature === null;
  if (badSignature) {
    record.reason = badSignature;
    return send(res, record, 401, problem('Unauthorized', 401, 'Unauthorized'));
  }
  if (mode === 'unauthorized') return send(res, record, 401, problem('Unauthorized', 401, 'Unauthorized'));
  if (mode === 'ratelimit') {
    if (Date.now() / 1000 < resetAt) {
      return send(res, record, 429, problem('Too Many Requests', 429, 'Too Many Requests'),
        { 'x-rate-limit-limit': '17', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetAt) });
    }
    mode = 'ok';
  }
  if (mode === 'error') return send(res, record, 500, problem('Internal Server Error', 500, 'Something broke'));
  if (mode === 'invalid') return send(res, record, 400, problem('Invalid Request', 400, 'One or more parameters to your request was invalid.'));

  if (req.method === 'POST' && url.pathname === '/2/tweets') {
    let text;
    try {
      text = JSON.parse(body).text;
    } catch {
      return send(res, record, 400, problem('Invalid Request', 400, 'body is not JSON'));
    }
    record.text = text;
    if (typeof text !== 'string' || text.length === 0) return send(res, record, 400, problem('Invalid Request', 400, 'text is required'));
    if ([...posts.values()].some(p => !p.deletedAt && p.text === text)) {
      return send(res, record, 403, problem('Forbidden', 403, 'You are not allowed to create a Tweet with duplicate content.'));
    }
    const post = createPost(text);
    record.id = post.id;
    if (mode === 'blackhole') {
      hung.add(res);
      return;
    }
    return send(res, record, 201, { data: { id: post.id, text, edit_history_tweet_ids: [post.id] } });
  }
  const deleting = /^\/2\/tweets\/(\d+)$/.exec(url.pathname);
  if (req.method === 'DELETE' && deleting) {
    record.id = deleting[1];
    const post = posts.get(deleting[1]);
    if (!post || post.deletedAt) return send(res, record, 404, problem('Not Found Error', 404, `Could not find tweet with id: [${deleting[1]}].`));
    post.deletedAt = Date.now();
    return send(res, record, 200, { data: { deleted: true } });
  }
  if (req.method === 'GET' && url.pathname === '/2/users/me') {
    return send(res, record, 200, { data: { id: '4242', name: 'Our Office', username: 'our_office' } });
  }
  return send(res, record, 404, problem('Not Found Error', 404, 'no such endpoint'));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname.startsWith('/_fake/')) control(req, res, url, body);
    else api(req, res, url, body);
  });
});
server.listen(port, host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
