// Public GitHub code (found through the code search index, stored file id 26110615046; repository not named by the index).
// Real bugs, judged by hand: channelIndex, getChannel (next after send), editChannel (inner save).
// Known misses: channelCreate and editChannel's outer `if (err) res.send(err)` followed by sends inside nested callbacks.
var _         = require('lodash'),
    env       = require('../config/environment'),
    User      = require('../models/user'),
    Channel   = require('../models/channel');

function channelIndex(req, res) {
  Channel.find({}, function(err, channels) {
    if (err) res.send(err);
    res.json(channels); // send the channels list
  })
}

var channelCreate     = function(req, res) {
  var channel         = new Channel();
  channel.name        = req.body.name;
  channel.imageUrl    = req.body.imageUrl;
  channel.createdBy   = req.user.email;
  channel.curatedBy.push(req.user.email);
  channel.isPrivate   = false;
  channel.description = req.body.description;

  channel.save(function(err, savedChannel) {
    if (err) {
      res.send(err)
    }

    // add channel to user's myChannels
    User.findById(req.user._id, function(err, user) {
      user.myChannels.push({channelName: req.body.name, isCurator: true, isCreator: true});
      user.save(function(err, savedUser) {
        console.log("Congratulations on starting a new channel!")
        res.json(savedChannel); //// return the channel
      });
    });
  });
};

function getChannel(req, res, next) {
  Channel.findById(req.params.id, function (err, channel) {
    if (err) res.send(err);
    req.channel = channel;
    next();
  });
}

function showChannel(req, res) {
  res.send(req.channel);
}

function editChannel(req, res) {
  Channel.findById(req.params.id, function (err, channel) {
    if (err) res.send(err);

    if (req.body.name)        channel.name        = req.body.name;
    if (req.body.description) channel.description = req.body.description;
    if (req.body.imageUrl)    channel.imageUrl    = req.body.imageUrl;
    if (req.body.isPrivate)   channel.isPrivate   = req.body.isPrivate;

    channel.save(function(err) {
      if (err) res.send(err);
      res.json({
        message: "Channel updated!",
        channel: channel
      });
    });
  });
}

module.exports = {
  editChannel:   editChannel,
  channelCreate: channelCreate,
  channelIndex:  channelIndex,
  getChannel:    getChannel,
  showChannel:   showChannel
}
