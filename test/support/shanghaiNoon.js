// Shared by jest.config.js (the page tests' clock) and test/e2e/support.mjs (the browser tests' clock): both run
// at noon of the Shanghai day, so "today" never depends on the hour the tests run at.

/** Noon (Asia/Shanghai) of the Shanghai day that the instant `ms` falls on, as epoch milliseconds. */
function noonOfShanghaiDay(ms) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms))
  return Date.parse(`${day}T12:00:00+08:00`)
}

module.exports = { noonOfShanghaiDay }
