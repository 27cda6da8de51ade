/** The settings slice: language, text size, whether the first-run path was seen; kept on the device. */
import { persisted } from './persist'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  lang: persisted.lang(),
  setLang(lang) {
    persisted.saveLang(lang)
    set({ lang })
  },
  textSize: persisted.textSize(),
  setTextSize(textSize) {
    persisted.saveTextSize(textSize)
    set({ textSize })
  },
  introSeen: persisted.introSeen(),
  finishIntro() {
    persisted.saveIntroSeen()
    set({ introSeen: true })
  },
})
