import { formatFrenchDate } from '#formatting/french'
import type PortalContent from '#models/portal_content'
import type Regime from '#models/regime'

/** One publication of the home page: an actualité, a texte de référence or a barème */
export type Publication = {
  id: number
  title: string
  summary: string
  link: string | null
  /** ISO date, « 2026-11-30 », for <time dateTime> */
  publishedOn: string
  /** « 30/11/2026 » */
  publishedOnLabel: string
}

export type Fund = { code: string; name: string; caisseCount: number }

export type HomePageProps = {
  news: Publication[]
  referenceTexts: Publication[]
  scales: Publication[]
  funds: Fund[]
}

/**
 * P1 (inertia/pages/portal/home.tsx): the latest publications by kind and
 * the régimes the portal serves, with their caisses preloaded.
 */
export function homePageProps(contents: PortalContent[], regimes: Regime[]): HomePageProps {
  const publications = (kind: string) =>
    contents
      .filter((content) => content.kind === kind)
      .map((content) => ({
        id: content.id,
        title: content.title,
        summary: content.summary,
        link: content.link,
        publishedOn: content.publishedOn.toISODate() ?? '',
        publishedOnLabel: formatFrenchDate(content.publishedOn),
      }))
  return {
    news: publications('actualite'),
    referenceTexts: publications('texte_reference'),
    scales: publications('bareme'),
    funds: regimes.map((regime) => ({
      code: regime.code,
      name: regime.name,
      caisseCount: regime.caisses.length,
    })),
  }
}
