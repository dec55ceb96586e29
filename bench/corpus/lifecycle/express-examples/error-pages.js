// From expressjs/express examples/error-pages/index.js (commit 06dcb22ae22b1346d3b6e207799c0d92fdd42617), MIT licence.
var express = require('../../');
var app = module.exports = express();
var logger = require('morgan');
var favicon = require('static-favicon');
var silent = 'test' == process.env.NODE_ENV;
app.set('views', __dirname + '/views');
app.set('view engine', 'jade');
app.enable('verbose errors');
if ('production' == app.settings.env) {
  app.disable('verbose errors');
}
app.use(favicon());
silent || app.use(logger('dev'));
app.get('/', function(req, res){
  res.render('index.jade');
});
app.get('/404', function(req, res, next){
  next();
});
app.get('/403', function(req, res, next){
  var err = new Error('not allowed!');
  err.status = 403;
  next(err);
});
app.get('/500', function(req, res, next){
  next(new Error('keyboard cat!'));
});
app.use(function(req, res, next){
  res.status(404);
  if (req.accepts('html')) {
    res.render('404', { url: req.url });
    return;
  }
  if (req.accepts('json')) {
    res.send({ error: 'Not found' });
    return;
  }
  res.type('txt').send('Not found');
});
app.use(function(err, req, res, next){
  res.status(err.status || 500);
  res.render('500', { error: err });
});
if (!module.parent) {
  app.listen(3000);
  silent || console.log('Express started on port 3000');
}
