/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
  }
}

/** Build-time constants (config/index.ts defineConstants). */
declare const CLOUD_BASE_URL: string
declare const CLOUD_ENV_ID: string

declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export function createReactApp(App: unknown, react: unknown, dom: unknown, config: Record<string, unknown>): unknown
}

declare module 'qrcode/lib/core/qrcode' {
  interface BitMatrix {
    size: number
    get(row: number, col: number): number
  }
  const QRCode: { create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix; version: number } }
  export default QRCode
}
