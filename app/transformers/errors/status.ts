/** The statuses the portal has a page for (app/exceptions/handler.ts) */
export type PageStatus = 403 | 404 | 500 | 503

export type StatusPageProps = { status: PageStatus; title: string; text: string }

const MESSAGES: Record<PageStatus, Omit<StatusPageProps, 'status'>> = {
  403: {
    title: 'Accès refusé',
    text: 'Vous n’avez pas les droits nécessaires pour afficher cette page ou faire cette action.',
  },
  404: {
    title: 'Page introuvable',
    text: 'La page demandée n’existe pas ou plus. Vérifiez l’adresse ou repartez de l’accueil.',
  },
  500: {
    title: 'Le service est momentanément indisponible',
    text: 'Une erreur est survenue de notre côté. Réessayez dans quelques minutes ; si elle persiste, écrivez à l’assistance fonctionnelle.',
  },
  503: {
    title: 'Le service est momentanément indisponible',
    text: 'Nos serveurs n’ont pas pu répondre à l’instant. Réessayez dans quelques secondes : si votre action avait déjà été enregistrée, la page vous le dira.',
  },
}

/** inertia/pages/errors/status.tsx: what went wrong, in French, and its code */
export function statusPageProps(status: PageStatus): StatusPageProps {
  return { status, ...MESSAGES[status] }
}
