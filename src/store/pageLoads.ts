/**
 * What a page loads when it is shown, with its loading state and its failure, kept here rather than in the
 * pages: a page calls one action and reads `loading`/`error` through selectors, so what "loaded" means (which
 * calls, in which order, what is skipped when already known) is decided once and tested with the store.
 */
import type { AppState, Commit, PageLoadKey, PageLoadsSlice, Slice } from './types'

/** What this slice holds of one person: dropped when the person changes (a failure was theirs). */
export const PAGE_LOADS_SIGNED_OUT = { pageLoads: {} }

export const createPageLoadsSlice: Slice<PageLoadsSlice> = (set, get) => {
  const mark = (key: PageLoadKey, state: { loading: boolean; error?: unknown }) => set((s) => ({ pageLoads: { ...s.pageLoads, [key]: state } }))

  /** Runs one page's load: the newest load of a page wins, so an older one finishing late changes nothing. */
  const runs: Partial<Record<PageLoadKey, number>> = {}
  async function track(key: PageLoadKey, work: () => Promise<unknown>): Promise<boolean> {
    const mine = (runs[key] = (runs[key] ?? 0) + 1)
    mark(key, { loading: true })
    try {
      await work()
      if (runs[key] === mine) mark(key, { loading: false })
      return true
    } catch (error) {
      if (runs[key] === mine) mark(key, { loading: false, error })
      return false
    }
  }

  return {
    pageLoads: {},
    loadHome: () =>
      track('home', async () => {
        // Check-ins kept on the device go first, so the wallet read next already counts them.
        await get().flushQueue()
        const s = get()
        // The answers arrive one by one: applied together, Home re-renders once with all of them (on weapp one
        // setData, not one per answer). What did arrive is shown even when another load failed.
        const patches: Partial<AppState>[] = []
        const commit: Commit = (patch) => void patches.push(patch)
        const outcomes = await Promise.allSettled([
          s.refreshWallet(commit),
          s.methodology ? undefined : s.loadCatalogue(commit),
          s.loadMyCommunity(commit),
          // Only for the "join your community" hint: communities are never removed, so a list once non-empty stays so.
          s.communities.length > 0 ? undefined : s.loadCommunities(commit),
        ])
        if (patches.length > 0) set(Object.assign({}, ...patches) as Partial<AppState>)
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
        if (failed) throw failed.reason
      }),
    loadWalletPage: () =>
      track('wallet', () => {
        const s = get()
        return Promise.all([s.refreshWallet(), s.loadLedger(true), s.loadSeries(s.series?.days ?? 7)])
      }),
    // the catalogue is the same for everyone and changes with a release: loaded once
    loadMethodology: () => track('methodology', async () => (get().methodology ? undefined : get().loadCatalogue())),
    loadRewardsPage: () =>
      track('rewards', () => {
        const s = get()
        return Promise.all([s.loadRewards(), s.loadRedemptions(), s.refreshWallet(), s.loadProjects()])
      }),
  }
}

const LOADING = {} as Record<PageLoadKey, (s: AppState) => boolean>
const ERROR = {} as Record<PageLoadKey, (s: AppState) => unknown>
for (const key of ['home', 'wallet', 'rewards', 'methodology'] as const satisfies readonly PageLoadKey[]) {
  LOADING[key] = (s) => s.pageLoads[key]?.loading ?? false
  ERROR[key] = (s) => s.pageLoads[key]?.error
}

/** Whether `page`'s load is under way (one selector per page, so components re-render only for their own). */
export const selectPageLoading = (page: PageLoadKey) => LOADING[page]
/** The failure of `page`'s last load (undefined when it succeeded or is under way): errorText makes it readable. */
export const selectPageLoadError = (page: PageLoadKey) => ERROR[page]
