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
/** WeChat Cloud Run service name (X-WX-SERVICE) for callContainer; with CLOUD_ENV_ID it replaces HTTP on weapp */
declare const CLOUD_SERVICE: string
/** 1 when a weapp build may show the dev-handle form (development against a local cloud with DEV_LOGIN=1) */
declare const DEV_LOGIN_UI: boolean
/** the subscribe-message template id per reminder kind (WX_REMINDER_TEMPLATES at build time); empty on H5 */
declare const REMINDER_TEMPLATE_IDS: Record<string, string>

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
