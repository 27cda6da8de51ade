// Types for support.mjs, which the page-load bench (TypeScript) shares with the browser tests.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'

export const ROOT: string
export const CHROMIUM: string
export const SCREENSHOTS_DIR: string
export function shot(name: string): string
export function startApp(
  extraEnv?: Record<string, string>,
  prepare?: (dbPath: string) => Promise<void> | void,
): Promise<{ url: string; dir: string; stop(): Promise<void> }>
export function launchBrowser(): Promise<Browser>
export function phoneContext(browser: Browser, locale?: string, options?: BrowserContextOptions): Promise<BrowserContext>
export function login(page: Page, url: string, handle: string): Promise<void>
export const RESIDENT_PAGES: [name: string, route: string, ready: string][]
