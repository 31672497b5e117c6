module.exports = require('./secret-scan').setup;
