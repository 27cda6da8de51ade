/** The settings slice: language, text size, whether the first-run path was seen; kept on the device. */
import { englishTable, loadEnglish } from '../i18n/english'
import { persisted } from './persist'
import type { SettingsSlice, Slice } from './types'

export const createSettingsSlice: Slice<SettingsSlice> = (set) => {
  // English is fetched on demand (src/i18n/english.ts): `lang` turns to English once its table is here, so a
  // screen never shows keys or a half-translated page; the choice is kept on the device at once.
  const showEnglishWhenLoaded = () =>
    void loadEnglish().then((loaded) => {
      if (loaded && persisted.lang() === 'en') set({ lang: 'en' })
    })
  const chosen = persisted.lang()
  if (chosen === 'en' && !englishTable()) showEnglishWhenLoaded()
  return {
    lang: chosen === 'en' && !englishTable() ? 'zh-CN' : chosen,
    setLang(lang) {
      persisted.saveLang(lang)
      if (lang === 'en' && !englishTable()) showEnglishWhenLoaded()
      else set({ lang })
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
  }
}
