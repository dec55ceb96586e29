// From afhaque/MeanMapAppV2.0 app/routes.js (commit 0ab4a09b636a080b68b77fb3847b6aaa7137e74d), before PR #2
// ("fixed a mistake": Can't set headers after they are sent). Expected: 4 double sends (`if (err) res.send(err)` without return).
var mongoose        = require('mongoose');
var User            = require('./model.js');

module.exports = function(app) {
    app.get('/users', function(req, res){
        var query = User.find({});
        query.exec(function(err, users){
            if(err)
                res.send(err);
            res.json(users);
        });
    });
    app.post('/users', function(req, res){
        var newuser = new User(req.body);
        newuser.save(function(err){
            if(err)
                res.send(err);
            res.json(req.body);
        });
    });
    app.post('/query/', function(req, res){
        var lat             = req.body.latitude;
        var long            = req.body.longitude;
        var distance        = req.body.distance;
        var gender          = req.body.gender;
        var minAge          = req.body.minAge;
        var maxAge          = req.body.maxAge;
        var favLang         = req.body.favLang;
        var reqVerified     = req.body.htmlVerified;
        var query = User.find({});
        if(distance){
            query = query.where('location').near({ center: {type: 'Point', coordinates: [-88.003, 44.500]},
                maxDistance: distance * 1609.34,
                spherical: true});
            console.log("test");
        }
        if(gender){
            query = query.where('gender').in([gender])
        }
        if(minAge){
            query = query.where('age').gt(minAge);
            console.log("Test")
        }
        if(maxAge){
            query = query.where('age').lt(maxAge);
        }
        if(favLang){
            query = query.where('favlang').equals(favLang);
        }
        if(reqVerified){
            query = query.where('htmlverified').equals(true);
        }
        query.exec(function(err, users){
            if(err)
                res.send(err);

            res.json(users);
        });
    });
    app.delete('/users/:objID', function(req, res){
        var objID = req.params.objID;
        var update = req.body;
        User.findByIdAndRemove(objID, update, function(err, user){
            if(err)
                res.send(err);
            res.json(req.body);
            console.log(objID + "Is deleted");
        });
    });
};
