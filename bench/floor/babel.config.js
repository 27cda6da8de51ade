// The app's own babel setup, so the floor differs from the app only in its source.
module.exports = require('../../babel.config.js')
