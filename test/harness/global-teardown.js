module.exports = require('./secret-scan').teardown;
