/** Query parameters that only track the reader; the same page without them is the same page. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|cmpid|ref|ref_src|src|at_medium|at_campaign|xtor)$/i

/**
 * The link as it should be stored: tracking parameters and the fragment removed, host lower-cased,
 * remaining parameters sorted. Returns undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(link: string | undefined, base?: string): string | undefined {
  if (!link) return undefined
  let url: URL
  try {
    url = new URL(link.trim(), base)
  }
  catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  url.hash = ''
  url.username = ''
  url.password = ''
  const kept = [...url.searchParams].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  url.search = new URLSearchParams(kept).toString()
  return url.href
}

/** Identity for matching: http and https, www. and a trailing slash do not make another page. */
export function urlKey(link: string | undefined): string | undefined {
  const canonical = canonicalUrl(link)
  if (!canonical) return undefined
  const url = new URL(canonical)
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : ''
  return `${url.hostname.replace(/^www\./, '')}${url.port ? `:${url.port}` : ''}${path}${url.search}`
}
