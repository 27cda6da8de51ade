// Image imports resolve to their file name in page tests, as a bundler would give a URL.
module.exports = 'asset.png'
