/**
 * A community's join QR: the path of the page where a resident chooses their community, with the community's id.
 * Scanned in WeChat it opens that page; the page reads `community` from its query.
 */
export const COMMUNITY_PAGE = 'packages/me/pages/community/index'

export function communityQrText(communityId: string): string {
  return `${COMMUNITY_PAGE}?community=${encodeURIComponent(communityId)}`
}

/** The community id in a scanned join QR (or a bare id), or undefined when the text is neither. */
export function communityFromScan(text: string): string | undefined {
  const match = /[?&]community=([A-Za-z0-9_-]{1,64})(?:&|$)/.exec(text.trim())
  if (match) return match[1]
  return /^[A-Za-z0-9_-]{1,64}$/.test(text.trim()) ? text.trim() : undefined
}
