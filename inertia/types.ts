/** Props every page receives from the server, as app/transformers/portal/shared.ts shapes them */
export type { CurrentUser, Flash, SharedProps } from '#transformers/portal/shared'
