// From expressjs/express examples/auth/index.js (commit 005f79b86c11914b477d26968dbe626e607a847a), MIT licence.
// Real code kept as a lint corpus (bench/corpus is not part of the package or the lint run).
'use strict'
var express = require('../..');
var hash = require('pbkdf2-password')()
var path = require('node:path');
var session = require('express-session');
var app = module.exports = express();
app.set('view engine', 'ejs');
app.set('views', path.join(__dirname, 'views'));
app.use(express.urlencoded())
app.use(session({ resave: false, saveUninitialized: false, secret: 'shhhh, very secret' }));
app.use(function(req, res, next){
  var err = req.session.error;
  var msg = req.session.success;
  delete req.session.error;
  delete req.session.success;
  res.locals.message = '';
  if (err) res.locals.message = '<p class="msg error">' + err + '</p>';
  if (msg) res.locals.message = '<p class="msg success">' + msg + '</p>';
  next();
});
var users = { tj: { name: 'tj' } };
hash({ password: 'foobar' }, function (err, pass, salt, hash) {
  if (err) throw err;
  users.tj.salt = salt;
  users.tj.hash = hash;
});
function authenticate(name, pass, fn) {
  if (require.main === module) console.log('authenticating %s:%s', name, pass);
  var user = users[name];
  if (!user) return fn(null, null)
  hash({ password: pass, salt: user.salt }, function (err, pass, salt, hash) {
    if (err) return fn(err);
    if (hash === user.hash) return fn(null, user)
    fn(null, null)
  });
}
function restrict(req, res, next) {
  if (req.session.user) {
    next();
  } else {
    req.session.error = 'Access denied!';
    res.redirect('/login');
  }
}
app.get('/', function(req, res){
  res.redirect('/login');
});
app.get('/restricted', restrict, function(req, res){
  res.send('Wahoo! restricted area, click to <a href="/logout">logout</a>');
});
app.get('/logout', function(req, res){
  req.session.destroy(function(){
    res.redirect('/');
  });
});
app.get('/login', function(req, res){
  res.render('login');
});
app.post('/login', function (req, res, next) {
  if (!req.body) return res.sendStatus(400)
  authenticate(req.body.username, req.body.password, function(err, user){
    if (err) return next(err)
    if (user) {
      req.session.regenerate(function(){
        req.session.user = user;
        req.session.success = 'Authenticated as ' + user.name
          + ' click to <a href="/logout">logout</a>. '
          + ' You may now access <a href="/restricted">/restricted</a>.';
        res.redirect(req.get('Referrer') || '/');
      });
    } else {
      req.session.error = 'Authentication failed, please check your '
        + ' username and password.'
        + ' (use "tj" and "foobar")';
      res.redirect('/login');
    }
  });
});
if (require.main === module) {
  app.listen(3000);
  console.log('Express started on port 3000');
}
