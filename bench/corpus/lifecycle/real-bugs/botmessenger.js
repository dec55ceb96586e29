// From snlangsuan/facebook-bot-messenger lib/botmessenger.js (commit 1d993802d8cdb8b928c0f7833aec423477b4eee3), the
// version issue #3 is about ("Can't render headers after they are sent"); message-sending helpers left out.
// Real bugs, judged by hand: handleGETRequest sets a header after writeHead (line of res.setHeader);
// handlePOSTRequest falls through after res.end() into res.writeHead(404) (and a second end, the same slip).
var Http = require('http');
var url = require('url');
var BotClient = require('./botmessenger/botclient');
var util = require('util');
var EventEmitter = require('events').EventEmitter;

function BotMessenger(client, appSecret, options) {
  if ( !client instanceof BotClient ) throw new Error('BotClient is not defined');
  if ( !appSecret ) throw new Error('app secret is not defined');
  if ( !options['validationToken'] ) throw new Error('validation token is not defined');
  this.authorize = '/authorize';
  this.authCode = '1234567890';

  var that = this;
  const DEFAULT_ENDPOINT_BASE = 'https://graph.facebook.com';
  if ( !options ) options = {};
  var endpointBase = ( !options['endpointBase'] )? DEFAULT_ENDPOINT_BASE: options['endpointBase'];

  for ( var i in options ) {
    this[i] = options[i];
  }

  var httpRequest = function(req, res) {
    switch ( req.method ) {
      case 'GET':
        that.handleGETRequest(req, res);
        break;
      case 'POST':
        that.handlePOSTRequest(req, res);
        break;
      default:
        res.end();
    }
  }

  this.attach = function(http) {
    this.httpServer = http;
    this.httpServer.on('request', httpRequest);
    return this;
  }

  this.listen = function() {
    if ( ! this.route ) this.route = '/';
    var params = arguments;
    var callback = (typeof params[params.length-1] === 'function' )? params[params.length-1]: null;
    if ( params[0] < 1 ) throw new Error('Port number is not defined');
    var port = parseInt(params[0]);
    var hostname = (typeof params[1] === 'string')? params[1]: null;
    this.httpServer = Http.createServer(httpRequest).listen(port, hostname, callback);
  }

  this.handleGETRequest = function(req, res) {
    var requestUrl = url.parse(req.url, true);
    var query = requestUrl.query;
    var route = requestUrl.pathname;

    switch( route ) {
      case that.route:
        if ( query['hub.mode'] === 'subscribe' && query['hub.verify_token'] === that.validationToken ) {
          res.writeHead(200);
          res.end(query['hub.challenge']);
        } else {
          res.writeHead(403);
          res.end();
        }
        break;
      case that.authorize:
        var accountLinkingToken = query['account_linking_token'];
        var redirectURI = query['redirect_uri'];
        var redirectURISuccess = redirectURI + "&authorization_code=" + that.authCode;
        res.writeHead(200);
        res.setHeader('Content-Type', 'application/json');
        res.send(JSON.stringify({
          account_linking_token: accountLinkingToken,
          redirect_uri: redirectURI,
          redirect_uri_success: redirectURISuccess
        }));
        break;
      default:
        res.writeHead(404);
        res.end();
    }
  }

  this.handlePOSTRequest = function(req, res) {
    if ( req.url == that.route ) {
      var body = [];
      req.on('data', function(chunk) {
        body.push(chunk);
      }).on('end', function() {
        body = Buffer.concat(body).toString();
        var json = JSON.parse(body);

        var headers = req.headers;
        var signature = headers['x-hub-signature'];

        that.handleEventRequest(json, signature);
      });

      res.end();
    }

    res.writeHead(404);
    res.end();
  }
}

util.inherits(BotMessenger, EventEmitter);

module.exports = BotMessenger;
