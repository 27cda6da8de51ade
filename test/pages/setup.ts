// Import order matters: @tarojs/taro first breaks the router → components → taro import cycle.
import '@tarojs/taro'
import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime'
import React from 'react'
import ReactDOM from 'react-dom'

// Pages that use Taro hooks (useLoad, useDidShow) need an app instance to hang their lifecycle on.
function App(props: { children?: React.ReactNode }) {
  return props.children as React.ReactElement
}
createReactApp(App, React, ReactDOM, { pages: [] })
