/**
 * Taro's H5 tab bar draws each tab as <a href="javascript:;"> and does not cancel the click, so every tap asks
 * the browser to run a javascript: URL, which the cloud's Content-Security-Policy (no 'unsafe-inline') blocks
 * with a console error. Its items become links without a URL instead: role and tab stop kept, Enter and Space
 * tap them, and the click handler Taro attaches is unchanged. The build fails if the text is no longer there,
 * so a Taro upgrade that changes the tab bar is noticed rather than silently shipping the old behaviour.
 */
const TARO_TAB = "href: 'javascript:;',"
const TARO_TAB_MINIFIED = '"href":"javascript:;",'
const WITHOUT_URL =
  "role: 'link', tabIndex: 0, onKeyDown: function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.click() } },"

module.exports = function tabbarWithoutJavascriptUrl(source) {
  if (!source.includes('weui-tabbar__item')) return source
  if (!source.includes(TARO_TAB) && !source.includes(TARO_TAB_MINIFIED)) {
    throw new Error(`${this.resourcePath}: Taro's tab bar no longer has ${TARO_TAB}; check config/loaders/tabbar-without-javascript-url.js`)
  }
  return source.split(TARO_TAB).join(WITHOUT_URL).split(TARO_TAB_MINIFIED).join(WITHOUT_URL)
}
