import Taro from '@tarojs/taro'

/**
 * Hands a text file to the person: a download in a browser; WeChat cannot save files for the user from
 * here, so it copies `clipboardText` (the file itself, or a readable summary of it) instead.
 */
export async function saveTextFile(filename: string, text: string, mime: string, clipboardText = text): Promise<'downloaded' | 'copied'> {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    const url = URL.createObjectURL(new Blob([text], { type: mime }))
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    return 'downloaded'
  }
  await Taro.setClipboardData({ data: clipboardText })
  return 'copied'
}
