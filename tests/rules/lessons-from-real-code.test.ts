// What real handlers taught the path rules, as small cases written for this file. The lessons come
// from code of other projects that this repository used to keep under bench/corpus/ (Express's own
// examples, async controllers, a node:http proxy, Mongoose controllers and a bot webhook with
// double sends and a header set after writeHead). None of their code is here: each shape below is
// written from scratch, with its own names, and reduced to the lesson. Real code is now linted by
// coordinates (bench/real/corpus.json, `npm run bench:real`).
//
// Correct shapes must stay silent under every path rule and require-end; each bug must be
// reported by its rule, with the exact message and suggestion, and by no other rule.
import noDoubleSend from '../../rules/no-double-send.js';
import noHeaderAfterSend from '../../rules/no-header-after-send.js';
import noWriteAfterEnd from '../../rules/no-write-after-end.js';
import requireEnd from '../../rules/require-end.js';
import { testable, jsTester, lifecycleError } from './testers.js';

const js = jsTester();

const RULES = {
  'no-double-send': testable(noDoubleSend),
  'no-header-after-send': testable(noHeaderAfterSend),
  'no-write-after-end': testable(noWriteAfterEnd),
  'require-end': testable(requireEnd),
};

type DoubleSendId = 'mayBeFinished' | 'nextMayBeAfterFinish';
type HeadId = 'headAfterSend' | 'headMayBeAfterSend';

const doubleSend = lifecycleError<DoubleSendId>;
const headAfterSend = (messageId: HeadId, line: number, operation: string, first: string, firstLine: number, suggestion?: string) =>
  lifecycleError(messageId, line, operation, first, firstLine, suggestion, 'no-header-after-send');

/** Correct shapes seen in real code: no rule may report them. */
const CORRECT = [
  // a middleware that only prepares locals and passes on
  `app.use((req, res, next) => {
  const notice = req.session.notice;
  delete req.session.notice;
  res.locals.notice = notice ? '<em>' + notice + '</em>' : '';
  next();
});`,
  // a guard middleware: pass on or redirect, on exclusive branches; the guarded route answers
  `function requireLogin(req, res, next) {
  if (req.session.account) {
    next();
  } else {
    req.session.flash = 'sign in first';
    res.redirect('/signin');
  }
}
app.get('/dashboard', requireLogin, (req, res) => { res.send('welcome'); });`,
  // an early returned answer, then a callback that returns next(err) and answers two levels down
  `app.post('/signin', (req, res, next) => {
  if (!req.body) return res.sendStatus(400);
  verify(req.body.login, req.body.secret, (err, account) => {
    if (err) return next(err);
    if (account) {
      req.session.renew(() => {
        req.session.account = account;
        res.redirect(req.get('Referrer') || '/home');
      });
    } else {
      req.session.flash = 'wrong login';
      res.redirect('/signin');
    }
  });
});`,
  // the only answer inside a callback
  `app.get('/signout', (req, res) => { req.session.end(() => { res.redirect('/'); }); });`,
  // the status set first, then content negotiation with a bare \`return;\` after each answer
  `app.use((req, res, next) => {
  res.status(404);
  if (req.accepts('html')) { res.render('missing', { path: req.path }); return; }
  if (req.accepts('json')) { res.send({ missing: req.path }); return; }
  res.type('txt').send('missing');
});`,
  // handlers that only pass on (with or without an error), and a four-argument error handler
  `app.get('/gone', (req, res, next) => { next(); });
app.get('/forbidden', (req, res, next) => { const problem = new Error('no'); problem.status = 403; next(problem); });
app.get('/broken', (req, res, next) => { next(new Error('broken')); });
app.use((err, req, res, next) => { res.status(err.status || 500); res.render('failure', { err }); });`,
  // app.param callbacks (extra value and name parameters): next(err) or next() on exclusive branches;
  // a route that declares next but answers without it
  `app.param(['first', 'last'], (req, res, next, raw, key) => {
  req.params[key] = Number(raw);
  if (Number.isNaN(req.params[key])) {
    next(httpError(400, 'not a number: ' + raw));
  } else {
    next();
  }
});
app.param('member', (req, res, next, id) => {
  if ((req.member = members[id])) {
    next();
  } else {
    next(httpError(404, 'no such member'));
  }
});
app.get('/member/:member', (req, res, next) => { res.send('hi ' + req.member.name); });`,
  // returned next(err) guards, then next(); an answer or next() on an if/else without braces;
  // error and 404 handlers that set the status before the answer
  `app.use('/v1', (req, res, next) => {
  const token = req.query.token;
  if (!token) return next(httpError(400, 'token required'));
  if (!tokens.includes(token)) return next(httpError(401, 'unknown token'));
  req.token = token;
  next();
});
app.get('/v1/teams/:team', (req, res, next) => {
  const team = teams[req.params.team];
  if (team) res.send(team);
  else next();
});
app.use((err, req, res, next) => { res.status(err.status || 500); res.send({ error: err.message }); });
app.use((req, res) => { res.status(404); res.send({ error: 'nothing here' }); });`,
  // async controllers: every answer returned inside try, the catch answers the error; an awaited
  // value inside the answer's arguments (a throw there happens before the answer); callbacks of
  // forEach/reduce that never touch the response
  `export async function renameNote(req, res) {
  try {
    const note = await Note.load(req.params.id);
    if (note.owner !== req.user.id) {
      return res.sendStatus(403);
    }
    Object.keys(req.body).forEach((field) => { note[field] = req.body[field]; });
    return res.status(200).json(await note.persist());
  } catch (failure) {
    return res.status(400).json(failure);
  }
}
export async function listNotes(req, res) {
  const limit = Number(req.query.limit);
  try {
    const [owner, notes] = await Promise.all([Person.load(req.user.id), Note.page({ limit })]);
    const rows = notes.reduce((acc, note) => { acc.push({ ...note, starred: owner.stars.has(note.id) }); return acc; }, []);
    return res.status(200).json(rows);
  } catch (failure) {
    return res.status(400).json(failure);
  }
}
export async function dropNote(req, res) {
  try {
    const note = await Note.load(req.params.id);
    if (note.owner !== req.user.id) return res.sendStatus(403);
    await note.drop();
    return res.sendStatus(200);
  } catch (failure) {
    return res.status(400).json(failure);
  }
}`,
  // node:http: a local closure that writes the head and ends, a \`return\` after every call of it,
  // an early answer inside \`for await\` over the request, nested try/catch and try/catch/finally,
  // and an outer catch that only ends when the head is already out
  `const server = http.createServer(async (req, res) => {
  const reply = (code, body) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  try {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { Allow: 'POST' });
      res.end();
      return;
    }
    if (req.url !== '/ask') { reply(404, { error: 'nope' }); return; }
    let size = 0;
    const parts = [];
    for await (const part of req) {
      size += part.length;
      if (size > LIMIT) { reply(413, { error: 'too big' }); return; }
      parts.push(part);
    }
    let question;
    try { question = JSON.parse(Buffer.concat(parts).toString()); } catch { reply(400, { error: 'bad json' }); return; }
    const timer = setTimeout(() => controller.abort(), 5000);
    let answer;
    try {
      answer = await ask(question);
    } catch {
      reply(502, { error: 'upstream' });
      return;
    } finally {
      clearTimeout(timer);
    }
    if (!answer) { reply(502, { error: 'empty' }); return; }
    reply(200, { answer });
  } catch {
    if (res.headersSent) res.end();
    else reply(500, { error: 'internal' });
  }
});`,
  // a dispatcher that hands the response to per-method functions, with break after each
  `const route = (req, res) => {
  switch (req.method) {
    case 'GET':
      onGet(req, res);
      break;
    case 'POST':
      onPost(req, res);
      break;
    default:
      res.end();
  }
};
http.createServer(route).listen(8080);`,
  // writeHead then end on each of two exclusive branches
  `http.createServer((req, res) => {
  const query = new URL(req.url, 'http://local').searchParams;
  if (query.get('mode') === 'subscribe' && query.get('token') === TOKEN) {
    res.writeHead(200);
    res.end(query.get('challenge'));
  } else {
    res.writeHead(403);
    res.end();
  }
});`,
  // the fixed twins of the bugs below: `return` after the error answer
  `app.get('/pets', (req, res) => {
  Pet.all((err, pets) => {
    if (err) return res.send(err);
    res.json(pets);
  });
});`,
  `const createBoard = (req, res) => {
  board.store((err, stored) => {
    if (err) {
      return res.send(err);
    }
    Member.byId(req.user.id, (err, member) => {
      member.store(() => {
        res.json(stored);
      });
    });
  });
};`,
  `const onHook = (req, res) => {
  if (req.url === hookPath) {
    req.on('end', () => emitEvent(req));
    res.end();
    return;
  }
  res.writeHead(404);
  res.end();
};
http.createServer(onHook);`,
];

/** The case with `return ` put before its only copy of `statement`: what addReturn outputs there. */
const withReturn = (code: string, statement: string) => {
  if (code.split(statement).length !== 2) throw new Error(`not exactly one \`${statement}\` in the case`);
  return code.replace(statement, `return ${statement}`);
};

const ADD_PET = `const addPet = (req, res) => {
  const pet = { name: req.body.name, owner: req.body.owner };
  if (!pet.name) {
    res.status(400).json({ message: 'name is required' });
  }
  if (!pet.owner) {
    res.status(400).json({ message: 'owner is required' });
  } else {
    Pet.insert(pet, (err) => {
      if (err) res.json(err);
      else res.json({ created: pet });
    });
  }
};`;

const RENAME_PET = `const renamePet = (req, res) => {
  Pet.byId(req.params.id, (err, pet) => {
    if (err) res.send(err);
    if (req.body.name) pet.name = req.body.name;
    pet.store((err) => {
      if (err) res.send(err);
      res.json({ renamed: pet });
    });
  });
};`;

type Invalid = { code: string; errors: ReturnType<typeof lifecycleError>[] };

/** Double sends and next() after a send that real code shipped. */
const DOUBLE_SENDS: Invalid[] = [
  {
    // `if (err) res.send(err)` without return, then the success answer, inside a callback
    code: `app.get('/pets', (req, res) => {
  Pet.all((err, pets) => {
    if (err) res.send(err);
    res.json(pets);
  });
});`,
    errors: [
      doubleSend('mayBeFinished', 4, 'res.json()', 'res.send()', 3, `app.get('/pets', (req, res) => {
  Pet.all((err, pets) => {
    if (err) return res.send(err);
    res.json(pets);
  });
});`),
    ],
  },
  {
    // the same with braces and an error object
    code: `app.get('/pets', (req, res) => {
  Pet.all((err, pets) => {
    if (err) {
      res.json({ ok: false, err });
    }
    res.json({ ok: true, pets });
  });
});`,
    errors: [
      doubleSend('mayBeFinished', 6, 'res.json()', 'res.json()', 4, `app.get('/pets', (req, res) => {
  Pet.all((err, pets) => {
    if (err) {
      return res.json({ ok: false, err });
    }
    res.json({ ok: true, pets });
  });
});`),
    ],
  },
  {
    // the if's answer on the next line, and a statement after the second answer
    code: `app.delete('/pets/:id', (req, res) => {
  Pet.remove(req.params.id, (err) => {
    if (err)
      res.send(err);
    res.json({ removed: req.params.id });
    console.log('removed', req.params.id);
  });
});`,
    errors: [
      doubleSend('mayBeFinished', 5, 'res.json()', 'res.send()', 4, `app.delete('/pets/:id', (req, res) => {
  Pet.remove(req.params.id, (err) => {
    if (err)
      return res.send(err);
    res.json({ removed: req.params.id });
    console.log('removed', req.params.id);
  });
});`),
    ],
  },
  {
    // a loader middleware: the error answer, then next() anyway
    code: `function loadPet(req, res, next) {
  Pet.byId(req.params.id, (err, pet) => {
    if (err) res.send(err);
    req.pet = pet;
    next();
  });
}`,
    errors: [
      doubleSend('nextMayBeAfterFinish', 5, 'next()', 'res.send()', 3, `function loadPet(req, res, next) {
  Pet.byId(req.params.id, (err, pet) => {
    if (err) return res.send(err);
    req.pet = pet;
    next();
  });
}`),
    ],
  },
  {
    // two validations in a row, the first without return: the second 400 and the answers of the
    // callback created on the else branch (a callback starts from its creator's state) all follow
    // the one missing return on line 4, so one report, at the first of them (lines 10 and 11 too)
    code: ADD_PET,
    errors: [
      doubleSend('mayBeFinished', 7, 'res.json()', 'res.json()', 4, withReturn(ADD_PET, "res.status(400).json({ message: 'name is required' });")),
    ],
  },
  {
    // the outer error answer without return reaches the answers of a nested callback (once a known
    // miss); the addReturn suggestion is only offered inside the function that sent first. Two
    // missing returns, two reports: line 3's at its first later send (line 6, which also covers
    // line 7), and line 6's own at line 7
    code: RENAME_PET,
    errors: [
      doubleSend('mayBeFinished', 6, 'res.send()', 'res.send()', 3),
      doubleSend('mayBeFinished', 7, 'res.json()', 'res.send()', 6, RENAME_PET.replace('      if (err) res.send(err);', '      if (err) return res.send(err);')),
    ],
  },
  {
    // the same two levels down, with a braced error answer (once a known miss)
    code: `const createBoard = (req, res) => {
  board.store((err, stored) => {
    if (err) {
      res.send(err);
    }
    Member.byId(req.user.id, (err, member) => {
      member.store(() => {
        res.json(stored);
      });
    });
  });
};`,
    errors: [doubleSend('mayBeFinished', 8, 'res.json()', 'res.send()', 4)],
  },
];

/** A head changed after it was sent. */
const HEADS_AFTER_SEND: Invalid[] = [
  {
    // setHeader after writeHead: moved before it by the suggestion
    code: `http.createServer((req, res) => {
  res.writeHead(200);
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ linked: true }));
});`,
    errors: [
      headAfterSend('headAfterSend', 3, 'res.setHeader()', 'res.writeHead()', 2, `http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.writeHead(200);
  res.end(JSON.stringify({ linked: true }));
});`),
    ],
  },
  {
    // the matched branch ends without return and falls through to the 404: one report, at the
    // writeHead (it throws on that path, so the end after it is not a second report)
    code: `const onHook = (req, res) => {
  if (req.url === hookPath) {
    req.on('end', () => emitEvent(req));
    res.end();
  }
  res.writeHead(404);
  res.end('not found');
};
http.createServer(onHook);`,
    errors: [headAfterSend('headMayBeAfterSend', 6, 'res.writeHead()', 'res.end()', 4)],
  },
];

const codeOf = (cases: Invalid[]) => cases.map((c) => c.code);

js.run('no-double-send', RULES['no-double-send'], {
  valid: [...CORRECT, ...codeOf(HEADS_AFTER_SEND)],
  invalid: DOUBLE_SENDS,
});

js.run('no-header-after-send', RULES['no-header-after-send'], {
  valid: [...CORRECT, ...codeOf(DOUBLE_SENDS)],
  invalid: HEADS_AFTER_SEND,
});

js.run('no-write-after-end', RULES['no-write-after-end'], {
  valid: [...CORRECT, ...codeOf(DOUBLE_SENDS), ...codeOf(HEADS_AFTER_SEND)],
  invalid: [],
});

js.run('require-end', RULES['require-end'], {
  valid: [...CORRECT, ...codeOf(DOUBLE_SENDS), ...codeOf(HEADS_AFTER_SEND)],
  invalid: [],
});
