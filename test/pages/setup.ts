// Import order matters: @tarojs/taro first breaks the router → components → taro import cycle.
import '@tarojs/taro'
import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime'
import React from 'react'
import ReactDOM from 'react-dom'
import { createRoot } from 'react-dom/client'
import { setCallPolicy } from '../../src/services/callPolicy'

/**
 * Taro's H5 DOM has no capture phase and says so on every capture listener, and react-dom's root adds one per
 * event it supports (listenToAllSupportedEvents): some 80 warnings with a stack for each page mounted. Only
 * that exact sentence is dropped; every other warning, Taro's included, still prints.
 */
const TARO_CAPTURE_WARNING = '[taro warn] Taro 暂未实现 event 的 capture 特性。'
const warn = console.warn
console.warn = (...args: unknown[]) => {
  if (args.length === 1 && args[0] === TARO_CAPTURE_WARNING) return
  warn(...args)
}

/**
 * @tarojs/test-utils-react wraps react-dom/test-utils' act, which React 18.3 deprecates (a warning per test
 * file) in favour of React.act: the same function, so the library is given that one.
 */
jest.mock('react-dom/test-utils', () => ({ ...jest.requireActual('react-dom/test-utils'), act: jest.requireActual('react').act }))

/**
 * The retries of an offline phone keep the policy's shape (attempts, jitter, backoff) with millisecond waits:
 * page tests are about what a resident sees, not about waiting (test/core/callPolicy.test.ts pins the waits).
 */
setCallPolicy({ baseDelayMs: 2, maxDelayMs: 8 })

// Pages that use Taro hooks (useLoad, useDidShow) need an app instance to hang their lifecycle on.
function App(props: { children?: React.ReactNode }) {
  return props.children as React.ReactElement
}
// Taro renders the app with createRoot (React 18) and batches events with unstable_batchedUpdates: createRoot
// comes from react-dom/client, where React wants it imported from.
createReactApp(App, React, { ...ReactDOM, createRoot }, { pages: [] })
